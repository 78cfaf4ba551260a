package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The {@code meta} attribute every resource carries; {@code version} is also the ETag. */
final class ScimMeta {
  private ScimMeta() {}

  static void put(
      ObjectNode doc,
      String resourceType,
      Instant created,
      Instant modified,
      long version,
      String location) {
    doc.putObject("meta")
        .put("resourceType", resourceType)
        .put("created", created.toString())
        .put("lastModified", modified.toString())
        .put("location", location)
        .put("version", etag(version));
  }

  /** The entity tag of a resource version, as sent in {@code meta.version} and {@code ETag}. */
  static String etag(long version) {
    return "W/\"" + version + "\"";
  }

  /**
   * The version an {@code If-Match} or {@code ETag} header names, or null if it names none we
   * issued.
   */
  static Long parseEtag(String header) {
    if (header == null || header.isBlank() || header.strip().equals("*")) return null;
    String v = header.strip();
    if (v.startsWith("W/")) v = v.substring(2);
    v = v.replace("\"", "").replace("\\", "").strip();
    if (v.startsWith("W/")) v = v.substring(2);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return -1L; // a tag we never issued can match no version
    }
  }
}
