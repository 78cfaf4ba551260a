package dev.gangway.admin;

import dev.gangway.directory.SecretToken;
import dev.gangway.platform.GangwayConfig;
import dev.gangway.platform.Startup;
import dev.gangway.signin.SignInSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * The admin bearer token: {@code GANGWAY_ADMIN_TOKEN} when configured; otherwise one generated on
 * first start and kept in {@code <data dir>/admin-token} (owner-only), whose path — never its
 * content — is logged. Only its hash stays in memory.
 */
@ApplicationScoped
public class AdminToken {
  static final String FILE_NAME = "admin-token";
  private static final Logger LOG = Logger.getLogger(AdminToken.class.getName());

  private GangwayConfig config;
  private SignInSettings signIn;
  private volatile SecretToken.Hash hash;

  protected AdminToken() {}

  @Inject
  AdminToken(GangwayConfig config, SignInSettings signIn) {
    this.config = config;
    this.signIn = signIn;
  }

  void load(@Observes Startup.Started started) {
    if (config.adminToken().isPresent()) {
      hash = SecretToken.Hash.of(config.adminToken().get());
      LOG.info("Admin token: taken from configuration (GANGWAY_ADMIN_TOKEN)");
      return;
    }
    Path file = config.dataDir().resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) SecretToken.generateInto(file, "gwa_");
      hash = SecretToken.Hash.of(Files.readString(file, StandardCharsets.UTF_8).strip());
      LOG.info("Admin token: stored in " + file + " (set GANGWAY_ADMIN_TOKEN to choose your own)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the admin token file " + file, e);
    }
  }

  /**
   * False for every token once break-glass is turned off ({@code GANGWAY_ADMIN_BREAK_GLASS=false}).
   */
  public boolean accepts(String presented) {
    if (!signIn.breakGlass()) return false;
    SecretToken.Hash h = hash;
    return h != null && presented != null && h.matches(SecretToken.Hash.of(presented));
  }
}
