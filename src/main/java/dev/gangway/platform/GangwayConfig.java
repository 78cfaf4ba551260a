package dev.gangway.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gangway's runtime settings. Each is a MicroProfile Config property whose environment-variable
 * twin is the upper-case form ({@code gangway.data.dir} ↔ {@code GANGWAY_DATA_DIR}); defaults live
 * in {@code META-INF/microprofile-config.properties}.
 */
@ApplicationScoped
public class GangwayConfig {
  private Path dataDir;
  private Optional<String> adminToken;
  private String databaseUrl;

  protected GangwayConfig() {}

  @Inject
  GangwayConfig(
      @ConfigProperty(name = "gangway.data.dir") String dataDir,
      @ConfigProperty(name = "gangway.admin.token") Optional<String> adminToken,
      @ConfigProperty(name = "gangway.db.url") String databaseUrl) {
    this.dataDir = Path.of(dataDir).toAbsolutePath().normalize();
    this.adminToken = adminToken.map(String::strip).filter(t -> !t.isEmpty());
    this.databaseUrl = databaseUrl;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Optional<String> adminToken() {
    return adminToken;
  }

  public String databaseUrl() {
    return databaseUrl;
  }
}
