package dev.gangway.identity;

import dev.gangway.platform.errors.DomainException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * A group pushed by an IdP. Its members are {@link Membership} rows, never a collection on this
 * entity: reading or changing a group never loads its member list.
 */
@Entity(name = "IdpGroup") // "Group" is a JPQL keyword
@Table(name = "scim_group")
public class Group {
  public static final int MAX_NAME_LENGTH = 255;

  @Id
  @Column(length = 36, updatable = false)
  private String id;

  @Version private long version;

  @Column(name = "directory_id", nullable = false, updatable = false)
  private long directoryId;

  @Column(name = "display_name", nullable = false)
  private String displayName;

  @Column(name = "display_name_key", nullable = false)
  private String displayNameKey;

  @Column(name = "external_id")
  private String externalId;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "modified_at", nullable = false)
  private Instant modifiedAt;

  protected Group() {}

  public Group(long directoryId, GroupProfile profile, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.directoryId = directoryId;
    this.createdAt = now;
    apply(profile, now);
  }

  public void apply(GroupProfile profile, Instant now) {
    String name = profile.displayName();
    if (name == null || name.isBlank()) throw DomainException.invalid("displayName is required");
    if (name.length() > MAX_NAME_LENGTH) {
      throw DomainException.invalid(
          "displayName is longer than " + MAX_NAME_LENGTH + " characters");
    }
    this.displayName = name;
    this.displayNameKey = UserName.keyOf(name);
    this.externalId = profile.externalId();
    this.modifiedAt = now;
  }

  /** Its members changed: lastModified moves on (the version with it, see the repository). */
  public void touch(Instant now) {
    this.modifiedAt = now;
  }

  public String id() {
    return id;
  }

  public long version() {
    return version;
  }

  public long directoryId() {
    return directoryId;
  }

  public String displayName() {
    return displayName;
  }

  public String displayNameKey() {
    return displayNameKey;
  }

  public String externalId() {
    return externalId;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant modifiedAt() {
    return modifiedAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Group g && id.equals(g.id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "Group[" + id + "]";
  }
}
