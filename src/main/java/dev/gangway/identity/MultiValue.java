package dev.gangway.identity;

/**
 * One value of a multi-valued user attribute (emails, phoneNumbers, ims, photos, entitlements,
 * roles, x509Certificates, addresses). {@code detailJson} keeps sub-attributes beyond
 * value/type/primary/display (an address's parts) as JSON text.
 */
public record MultiValue(
    String attribute,
    String value,
    String type,
    boolean primary,
    String display,
    String detailJson) {
  public MultiValue {
    if (attribute == null) throw new IllegalArgumentException("attribute");
  }
}
