package dev.gangway.identity.scim;

import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The limits every SCIM request is held to, whatever path spelling reaches a resource. Each is a
 * MicroProfile Config property with its environment-variable twin ({@code
 * gangway.scim.max-body-bytes} ↔ {@code GANGWAY_SCIM_MAX_BODY_BYTES}); /ServiceProviderConfig
 * advertises the ones SCIM has fields for (bulk maxOperations and maxPayloadSize, filter
 * maxResults). Read once per node.
 */
record ScimLimits(
    int maxBodyBytes,
    int bulkMaxPayload,
    int bulkMaxOperations,
    int maxResults,
    int filterMaxLength,
    int filterMaxDepth,
    int filterMaxTerms,
    int jsonMaxDepth) {
  private static final Logger LOG = Logger.getLogger(ScimLimits.class.getName());

  static final ScimLimits DEFAULTS =
      new ScimLimits(1_048_576, 1_048_576, 1000, 200, 8192, 32, 100, 32);

  private static volatile ScimLimits current;

  /** The limits of this node: its configuration, or the defaults where none is set (unit tests). */
  static ScimLimits get() {
    ScimLimits l = current;
    if (l == null) {
      synchronized (ScimLimits.class) {
        if (current == null) current = load();
        l = current;
      }
    }
    return l;
  }

  private static ScimLimits load() {
    Config config;
    try {
      config = ConfigProvider.getConfig(ScimLimits.class.getClassLoader());
    } catch (RuntimeException | LinkageError e) { // no MicroProfile Config (plain unit tests)
      return DEFAULTS;
    }
    ScimLimits d = DEFAULTS;
    return new ScimLimits(
        positive(config, "gangway.scim.max-body-bytes", d.maxBodyBytes()),
        positive(config, "gangway.scim.bulk.max-payload-bytes", d.bulkMaxPayload()),
        positive(config, "gangway.scim.bulk.max-operations", d.bulkMaxOperations()),
        positive(config, "gangway.scim.max-results", d.maxResults()),
        positive(config, "gangway.scim.filter.max-length", d.filterMaxLength()),
        positive(config, "gangway.scim.filter.max-depth", d.filterMaxDepth()),
        positive(config, "gangway.scim.filter.max-terms", d.filterMaxTerms()),
        positive(config, "gangway.scim.json.max-depth", d.jsonMaxDepth()));
  }

  private static int positive(Config config, String key, int fallback) {
    Optional<String> raw = config.getOptionalValue(key, String.class);
    if (raw.isEmpty() || raw.get().isBlank()) return fallback;
    try {
      int v = Integer.parseInt(raw.get().strip().replace("_", ""));
      if (v > 0) return v;
    } catch (NumberFormatException e) {
      // reported below
    }
    LOG.warning(key + " must be a positive integer; using " + fallback);
    return fallback;
  }
}
