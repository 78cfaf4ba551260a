package dev.gangway.identity;

/** One change to a group's membership, applied in request order. */
public record MemberChange(Kind kind, String memberId) {
  public enum Kind {
    ADD,
    REMOVE,
    REMOVE_ALL
  }

  public static MemberChange add(String id) {
    return new MemberChange(Kind.ADD, id);
  }

  public static MemberChange remove(String id) {
    return new MemberChange(Kind.REMOVE, id);
  }

  public static MemberChange removeAll() {
    return new MemberChange(Kind.REMOVE_ALL, null);
  }
}
