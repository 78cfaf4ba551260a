package dev.gangway.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gangway.platform.json.JsonMapper;
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

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "user_id", nullable = false, updatable = false)
  private String userId;

  @Column(nullable = false)
  private int position;

  @Column(name = "directory_id", nullable = false)
  private long directoryId;

  @Column(nullable = false)
  private String attribute;

  @Column(name = "value_text")
  private String text;

  @Column(name = "value_key")
  private String textKey;

  @Column(name = "value_type")
  private String type;

  @Column(name = "is_primary", nullable = false)
  private boolean primary;

  private String display;

  @Column(name = "detail_json")
  private String detailJson;

  @Column(name = "addr_formatted")
  private String formatted;

  @Column(name = "addr_street")
  private String streetAddress;

  @Column(name = "addr_locality")
  private String locality;

  @Column(name = "addr_region")
  private String region;

  @Column(name = "addr_postal_code")
  private String postalCode;

  @Column(name = "addr_country")
  private String country;

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
    if ("addresses".equals(attribute) && detailJson != null) {
      try {
        var parts = JsonMapper.get().readTree(detailJson);
        this.formatted = cut(parts.path("formatted").asText(null), 1024);
        this.streetAddress = cut(parts.path("streetAddress").asText(null), 1024);
        this.locality = cut(parts.path("locality").asText(null), 255);
        this.region = cut(parts.path("region").asText(null), 255);
        this.postalCode = cut(parts.path("postalCode").asText(null), 64);
        this.country = cut(parts.path("country").asText(null), 64);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("address details are not JSON", e);
      }
    }
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  /** The indexed key of a value: lower case, cut to {@link #KEY_LENGTH}. */
  public static String keyOf(String value) {
    if (value == null) return null;
    String k = UserName.keyOf(value);
    return k.length() > KEY_LENGTH ? k.substring(0, KEY_LENGTH) : k;
  }

  public String userId() {
    return userId;
  }

  public MultiValue toMultiValue() {
    return new MultiValue(attribute, text, type, primary, display, detailJson);
  }

  @Override
  public String toString() {
    return "UserValue[" + id + "]";
  }
}
