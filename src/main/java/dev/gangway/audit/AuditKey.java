package dev.gangway.audit;

import dev.gangway.directory.SecretToken;
import dev.gangway.platform.GangwayConfig;
import dev.gangway.platform.Startup;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The secret that seals the audit log, held by Gangway and never by the database: {@code
 * GANGWAY_AUDIT_KEY} ({@code gangway.audit.key}, at least 32 characters) when configured; otherwise
 * one generated on first start and kept in {@code <data dir>/audit-key} (owner-only). The log names
 * where it comes from and its key id, never the key. Every node must use the same key: configure
 * it, or share the file.
 */
@ApplicationScoped
public class AuditKey {
  static final String FILE_NAME = "audit-key";
  static final int MIN_LENGTH = 32;
  private static final Logger LOG = Logger.getLogger(AuditKey.class.getName());

  private GangwayConfig config;
  private Optional<String> configured;
  private volatile Seals seals;

  protected AuditKey() {}

  @Inject
  AuditKey(
      GangwayConfig config,
      @ConfigProperty(name = "gangway.audit.key") Optional<String> configured) {
    this.config = config;
    this.configured = configured;
  }

  void load(@Observes @Priority(1) Startup.Started started) {
    seals();
  }

  /** The key's operations; loads the key on first use. */
  public Seals seals() {
    Seals s = seals;
    if (s != null) return s;
    synchronized (this) {
      if (seals == null) seals = read();
      return seals;
    }
  }

  private Seals read() {
    Optional<String> value = configured.map(String::strip).filter(v -> !v.isEmpty());
    if (value.isPresent()) {
      Seals s = of(value.get(), "GANGWAY_AUDIT_KEY");
      LOG.info("Audit key: taken from configuration (GANGWAY_AUDIT_KEY), key id " + s.keyId());
      return s;
    }
    Path file = config.dataDir().resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) SecretToken.generateInto(file, "gwk_");
      Seals s = of(readWritten(file), file.toString());
      LOG.info(
          "Audit key: stored in "
              + file
              + ", key id "
              + s.keyId()
              + " (every node needs the same key: set GANGWAY_AUDIT_KEY or share this file; keep a copy apart from the database)");
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the audit key file " + file, e);
    }
  }

  /**
   * The file's key; waits briefly when another node sharing the folder has created it but not yet
   * written it.
   */
  private static String readWritten(Path file) throws IOException {
    for (int attempt = 0; ; attempt++) {
      String key = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (!key.isEmpty() || attempt == 20) return key;
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return key;
      }
    }
  }

  static Seals of(String key, String source) {
    if (key.length() < MIN_LENGTH) {
      throw new IllegalStateException(
          "the audit key from " + source + " is shorter than " + MIN_LENGTH + " characters");
    }
    return new Seals(key.getBytes(StandardCharsets.UTF_8));
  }
}
