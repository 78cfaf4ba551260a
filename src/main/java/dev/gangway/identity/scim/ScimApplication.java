package dev.gangway.identity.scim;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;
import org.apache.directory.scim.server.configuration.ServerConfiguration;
import org.apache.directory.scim.server.exception.ResourceExceptionMapper;
import org.apache.directory.scim.server.exception.ScimExceptionMapper;
import org.apache.directory.scim.server.exception.UnsupportedOperationExceptionMapper;
import org.apache.directory.scim.server.exception.WebApplicationExceptionMapper;
import org.apache.directory.scim.server.rest.GroupResourceImpl;
import org.apache.directory.scim.server.rest.UserResourceImpl;
import org.apache.directory.scim.spec.schema.ServiceProviderConfiguration.AuthenticationSchema;

/**
 * The SCIM API at {@code /scim/v2}: SCIMple's /Users and /Groups resources, Gangway's own /Bulk
 * ({@link ScimBulk}) and root /.search ({@link ScimRootSearch}), and Gangway's JSON provider,
 * error mappers and request/response filters in place of the ones SCIMple would register.
 */
@ApplicationPath("scim/v2")
public class ScimApplication extends Application {
  /** The most resources one list answers (a larger {@code count} is clamped): {@link ScimLimits}. */
  static final int MAX_RESULTS = ScimLimits.get().maxResults();
  static final int DEFAULT_COUNT = Math.min(100, MAX_RESULTS);
  static final int BULK_MAX_OPERATIONS = ScimLimits.get().bulkMaxOperations();
  static final int BULK_MAX_PAYLOAD = ScimLimits.get().bulkMaxPayload();

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        UserResourceImpl.class, GroupResourceImpl.class, ScimBulk.class,
        ScimDiscovery.class, ScimRootSearch.class,
        ScimJsonProvider.class, JsonNodeWriter.class, ScimRequestFilter.class, ScimRateLimitFilter.class, ScimResponseFilter.class,
        ResourceExceptionMapper.class, ScimExceptionMapper.class, WebApplicationExceptionMapper.class,
        UnsupportedOperationExceptionMapper.class,
        ScimErrors.Domain.class, ScimErrors.RefusalMapper.class, ScimErrors.Json.class, ScimErrors.Mutability.class,
        ScimErrors.FilterParse.class, ScimErrors.UnsupportedFilter.class, ScimErrors.Unexpected.class);
  }

  @Override
  public Map<String, Object> getProperties() {
    // Payara registers JSON-B and Jersey's Jackson feature; either would take application/json
    // (Entra's media type) away from SCIMple's provider.
    return Map.of(
        "jersey.config.disableJsonBinding", true,
        "jersey.config.jsonFeature", "ScimpleOnly",
        "jersey.config.server.wadl.disableWadl", true);
  }

  /** SCIMple's view of the configuration; /ServiceProviderConfig is {@link ScimDiscovery}. */
  @ApplicationScoped
  public static class Configuration {
    @Produces @ApplicationScoped
    ServerConfiguration serverConfiguration() {
      ServerConfiguration c = new ServerConfiguration();
      c.setId("gangway");
      c.setDocumentationUri(ScimDiscovery.DOCUMENTATION);
      c.setSupportsFilter(true);
      c.setFilterMaxResults(MAX_RESULTS);
      c.setSupportsSort(true);
      c.setSupportsChangePassword(false);
      c.setBulkMaxOperations(BULK_MAX_OPERATIONS);
      c.setBulkMaxPayloadSize(BULK_MAX_PAYLOAD);
      AuthenticationSchema bearer = AuthenticationSchema.oauthBearer();
      bearer.setName("Directory bearer token");
      bearer.setDescription("The token Gangway issued for this directory: Authorization: Bearer gwd_…");
      c.addAuthenticationSchema(bearer);
      return c;
    }
  }
}
