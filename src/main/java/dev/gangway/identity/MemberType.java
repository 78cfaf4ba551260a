package dev.gangway.identity;

/** What a group member is. Nested groups are stored; see README for their (lack of) effect. */
public enum MemberType {
  USER,
  GROUP
}
