package dev.gangway.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One stored value of a user's multi-valued attribute; {@code textKey} is its lookup key. */
@Entity
@Table(name = "user_value")
public class UserValue {
  /** Longest prefix of a value that is indexed; longer values are still compared in full. */
  public static final int KEY_LENGTH = 255;

  @Id @GeneratedValue(strategy = GenerationType.IDENTITY) private Long id;
  @Column(name = "user_id", nullable = false, updatable = false) private String userId;
  @Column(nullable = false) private int position;
  @Column(name = "directory_id", nullable = false) private long directoryId;
  @Column(nullable = false) private String attribute;
  @Column(name = "value_text") private String text;
  @Column(name = "value_key") private String textKey;
  @Column(name = "value_type") private String type;
  @Column(name = "is_primary", nullable = false) private boolean primary;
  private String display;
  @Column(name = "detail_json") private String detailJson;

  protected UserValue() {}

  public UserValue(User user, int position, MultiValue v) {
    this.userId = user.id();
    this.directoryId = user.directoryId();
    this.position = position;
    this.attribute = v.attribute();
    this.text = v.value();
    this.textKey = keyOf(v.value());
    this.type = v.type();
    this.primary = v.primary();
    this.display = v.display();
    this.detailJson = v.detailJson();
  }

  /** The indexed key of a value: lower case, cut to {@link #KEY_LENGTH}. */
  public static String keyOf(String value) {
    if (value == null) return null;
    String k = UserName.keyOf(value);
    return k.length() > KEY_LENGTH ? k.substring(0, KEY_LENGTH) : k;
  }

  public String userId() { return userId; }

  public MultiValue toMultiValue() {
    return new MultiValue(attribute, text, type, primary, display, detailJson);
  }

  @Override public String toString() { return "UserValue[" + id + "]"; }
}
