package dev.gangway.identity;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * A provisioned user of one directory. Its multi-valued attributes live in {@link UserValue} rows;
 * its group memberships in {@link Membership} rows.
 */
@Entity
@Table(name = "scim_user")
public class User {
  @Id
  @Column(length = 36, updatable = false)
  private String id;

  @Version private long version;

  @Column(name = "directory_id", nullable = false, updatable = false)
  private long directoryId;

  @Embedded private UserName userName;

  @Column(name = "external_id")
  private String externalId;

  private boolean active;

  @Column(name = "display_name")
  private String displayName;

  @Column(name = "nick_name")
  private String nickName;

  @Column(name = "profile_url")
  private String profileUrl;

  private String title;

  @Column(name = "user_type")
  private String userType;

  @Column(name = "preferred_language")
  private String preferredLanguage;

  private String locale;
  private String timezone;
  @Embedded private PersonName name;
  @Embedded private Enterprise enterprise;
  private String company;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "modified_at", nullable = false)
  private Instant modifiedAt;

  @Column(name = "deactivated_at")
  private Instant deactivatedAt;

  protected User() {}

  public User(long directoryId, UserProfile profile, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.directoryId = directoryId;
    this.createdAt = now;
    this.active = true;
    apply(profile, now);
  }

  /** Takes the whole writable state of a profile (a create or a full replace). */
  public void apply(UserProfile profile, Instant now) {
    requireNonNull(profile, "profile");
    this.userName = UserName.of(profile.userName());
    this.externalId = profile.externalId();
    this.displayName = profile.displayName();
    this.nickName = profile.nickName();
    this.profileUrl = profile.profileUrl();
    this.title = profile.title();
    this.userType = profile.userType();
    this.preferredLanguage = profile.preferredLanguage();
    this.locale = profile.locale();
    this.timezone = profile.timezone();
    this.name = profile.name().isEmpty() ? null : profile.name();
    this.enterprise = profile.enterprise().isEmpty() ? null : profile.enterprise();
    this.company = profile.company();
    setActive(profile.active(), now);
    this.modifiedAt = now;
  }

  private void setActive(boolean nowActive, Instant now) {
    if (active && !nowActive) deactivatedAt = now;
    if (!active && nowActive) deactivatedAt = null;
    active = nowActive;
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

  public UserName userName() {
    return userName;
  }

  public String externalId() {
    return externalId;
  }

  public boolean active() {
    return active;
  }

  public String displayName() {
    return displayName;
  }

  public String nickName() {
    return nickName;
  }

  public String profileUrl() {
    return profileUrl;
  }

  public String title() {
    return title;
  }

  public String userType() {
    return userType;
  }

  public String preferredLanguage() {
    return preferredLanguage;
  }

  public String locale() {
    return locale;
  }

  public String timezone() {
    return timezone;
  }

  public PersonName name() {
    return name == null ? PersonName.empty() : name;
  }

  public Enterprise enterprise() {
    return enterprise == null ? Enterprise.empty() : enterprise;
  }

  /** The external company the IdP names (Gangway extension), or null. */
  public String company() {
    return company;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant modifiedAt() {
    return modifiedAt;
  }

  public Instant deactivatedAt() {
    return deactivatedAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof User u && id.equals(u.id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "User[" + id + "]";
  }
}
