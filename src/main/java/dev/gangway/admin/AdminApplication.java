package dev.gangway.admin;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import dev.gangway.platform.json.JsonMapper;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/** The admin API at {@code /admin/api}: JSON through Gangway's own Jackson settings. */
@ApplicationPath("admin/api")
public class AdminApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        AdminAuthentication.class,
        AdminErrors.Domain.class, AdminErrors.Json.class, AdminErrors.Web.class,
        AdminErrors.Unexpected.class,
        DirectoriesResource.class);
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
