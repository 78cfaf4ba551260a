package dev.gangway.identity.scim;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * The SCIM API at {@code /scim/v2}: Gangway's own resources for /Users ({@link ScimUsers}), /Groups
 * ({@link ScimGroups}), /Bulk ({@link ScimBulk}), the root /.search ({@link ScimRootSearch}) and
 * discovery ({@link ScimDiscovery}); the filters every request passes first (authentication, rate
 * limit); the writer of JSON documents and the mappers of failures to SCIM errors. Apache SCIMple's
 * server layer is not used: see {@code docs/design/scim-boundary.md}.
 */
@ApplicationPath("scim/v2")
public class ScimApplication extends Application {
  /**
   * The most resources one list answers (a larger {@code count} is clamped): {@link ScimLimits}.
   */
  static final int MAX_RESULTS = ScimLimits.get().maxResults();

  static final int DEFAULT_COUNT = Math.min(100, MAX_RESULTS);
  static final int BULK_MAX_OPERATIONS = ScimLimits.get().bulkMaxOperations();
  static final int BULK_MAX_PAYLOAD = ScimLimits.get().bulkMaxPayload();

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        ScimUsers.class,
        ScimGroups.class,
        ScimBulk.class,
        ScimRootSearch.class,
        ScimDiscovery.class,
        ScimAuthenticationFilter.class,
        ScimRateLimitFilter.class,
        JsonNodeWriter.class,
        ScimErrors.Domain.class,
        ScimErrors.RefusalMapper.class,
        ScimErrors.AnsweredMapper.class,
        ScimErrors.WebApplication.class,
        ScimErrors.Json.class,
        ScimErrors.Mutability.class,
        ScimErrors.FilterParse.class,
        ScimErrors.UnsupportedFilter.class,
        ScimErrors.Unexpected.class);
  }

  @Override
  public Map<String, Object> getProperties() {
    // Payara registers JSON-B and Jersey's Jackson feature; Gangway reads and writes its JSON
    // itself
    // (ScimBody, JsonNodeWriter), the same for application/json (Entra) as for
    // application/scim+json.
    return Map.of(
        "jersey.config.disableJsonBinding", true,
        "jersey.config.jsonFeature", "GangwayOnly",
        "jersey.config.server.wadl.disableWadl", true);
  }
}
