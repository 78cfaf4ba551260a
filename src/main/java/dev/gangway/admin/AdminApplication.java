package dev.gangway.admin;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import dev.gangway.platform.json.JsonMapper;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The admin API at {@code /admin/api}: JSON through Gangway's own Jackson settings. */
@ApplicationPath("admin/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Gangway",
            version = "1",
            description =
                "Admin API (/admin/api, admin bearer token, problem+json errors) and SCIM 2.0 (/scim/v2, directory bearer token)."),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
public class AdminApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        AdminSignIn.class,
        AdminAuthentication.class,
        AdminBodyLimit.class,
        AdminAuthorization.class,
        TokensResource.class,
        SessionResource.class,
        AdminErrors.Domain.class,
        AdminErrors.Json.class,
        AdminErrors.Web.class,
        AdminErrors.Unexpected.class,
        DirectoriesResource.class,
        CompaniesResource.class,
        MappingResource.class,
        ProjectsResource.class,
        AccessResource.class,
        AuditResource.class,
        UsersResource.class,
        ExportsResource.class,
        BackupsResource.class,
        GroupsResource.class,
        WebhooksResource.class);
  }

  @Override
  public Set<Object> getSingletons() {
    return Set.of(new JacksonJsonProvider(JsonMapper.get()));
  }

  @Override
  public Map<String, Object> getProperties() {
    return Map.of(
        "jersey.config.disableJsonBinding", true,
        "jersey.config.jsonFeature", "GangwayJackson",
        "jersey.config.server.wadl.disableWadl", true);
  }
}
