package dev.gangway.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One (group, member) row. */
@Entity
@Table(name = "group_member")
@IdClass(Membership.Key.class)
public class Membership {
  @Id
  @Column(name = "group_id", length = 36)
  private String groupId;

  @Id
  @Column(name = "member_id", length = 36)
  private String memberId;

  @Enumerated(EnumType.STRING)
  @Column(name = "member_type", nullable = false)
  private MemberType memberType;

  @Column(name = "directory_id", nullable = false)
  private long directoryId;

  @Column(name = "added_at", nullable = false)
  private Instant addedAt;

  protected Membership() {}

  public Membership(Group group, String memberId, MemberType type, Instant now) {
    this.groupId = group.id();
    this.memberId = memberId;
    this.memberType = type;
    this.directoryId = group.directoryId();
    this.addedAt = now;
  }

  public String groupId() {
    return groupId;
  }

  public String memberId() {
    return memberId;
  }

  public MemberType memberType() {
    return memberType;
  }

  /** Composite key. */
  public static class Key implements Serializable {
    private String groupId;
    private String memberId;

    public Key() {}

    public Key(String groupId, String memberId) {
      this.groupId = groupId;
      this.memberId = memberId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(groupId, k.groupId)
          && Objects.equals(memberId, k.memberId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(groupId, memberId);
    }
  }

  @Override
  public String toString() {
    return "Membership[" + groupId + "/" + memberId + "]";
  }
}
