package dev.gangway.incontainer;

import dev.gangway.it.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.jboss.arquillian.config.descriptor.api.ContainerDef;
import org.jboss.arquillian.container.spi.event.SetupContainer;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.container.spi.event.container.AfterStop;
import org.jboss.arquillian.container.spi.event.container.AfterUnDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Client side of the in-container tests (runs in the failsafe JVM, never in Payara): before
 * Arquillian sets up its Payara Micro, gives it what {@code src/main/bin/gangway} gives a real
 * server — a MariaDB database and account of its own (made by {@link TestDatabase}, so on the
 * MariaDB and with the administrator the black-box tests use; H2 in the data folder with {@code
 * -Dgangway.test.db=embedded}), a data folder and runtime folder under {@code target/}, a free port
 * — as Payara Micro options added to {@code arquillian.xml}'s. Drops the database when the
 * container stops and removes the folder Arquillian's container leaves in the system temp
 * directory. Registered in {@code META-INF/services}.
 */
public class PayaraOnTestDatabase implements LoadableExtension {
  @Override
  public void register(ExtensionBuilder builder) {
    builder.observer(Lifecycle.class);
  }

  /** Observers of Arquillian's container events; one instance per test JVM. */
  public static class Lifecycle {
    private static final String TEMP_PREFIX = "arquillian-payara-micro";
    private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

    private TestDatabase database;
    private Path runtimeDir;
    private Path tempDir;

    /**
     * Before the container's configuration is read: the options that point Payara at its database.
     */
    public void setup(@Observes(precedence = 100) SetupContainer event) throws IOException {
      ContainerDef container = event.getContainer().getContainerConfiguration();
      Path project =
          Path.of(System.getProperty("gangway.project.dir", ".")).toAbsolutePath().normalize();
      Path base = project.resolve("target/it-data");
      Files.createDirectories(base);
      Path dataDir = Files.createTempDirectory(base, "incontainer-");
      database = TestDatabase.create(TestDatabase.configuredKind());
      // as system properties (they beat the environment in MicroProfile Config: a GANGWAY_DB_URL
      // around does not leak in), read from a file: the database password stays out of the logs
      Properties settings = new Properties();
      settings.setProperty("gangway.data.dir", dataDir.toString());
      database
          .environment()
          .forEach((k, v) -> settings.setProperty(k.toLowerCase(Locale.ROOT).replace('_', '.'), v));
      Path settingsFile = dataDir.resolve("system.properties");
      try (Writer out = Files.newBufferedWriter(settingsFile)) {
        settings.store(out, "in-container tests");
      }
      runtimeDir = dataDir.resolve("payara");
      String micro =
          container.getContainerProperties().getOrDefault("extraMicroOptions", "")
              + " --port "
              + freePort()
              + " --rootdir "
              + runtimeDir
              + " --systemproperties "
              + settingsFile;
      container.overrideProperty("microJar", project.resolve("target/payara-micro.jar").toString());
      container.overrideProperty("extraMicroOptions", micro.strip());
      System.out.println(
          "[incontainer] Payara Micro on "
              + database.kind()
              + (database.name() == null ? "" : " database " + database.name())
              + ", data folder "
              + dataDir);
    }

    /**
     * The folder in the system temp directory the container wrote the WAR to: the one named by
     * {@code --deploy} of the Payara process that runs on this run's runtime folder (a child of
     * this JVM).
     */
    public void deployed(@Observes AfterDeploy event) {
      ProcessHandle.current()
          .children()
          .map(p -> List.of(p.info().arguments().orElse(new String[0])))
          .filter(args -> args.contains(runtimeDir.toString()) && args.contains("--deploy"))
          .map(args -> Path.of(args.get(args.indexOf("--deploy") + 1)).getParent().getParent())
          .filter(
              p -> p.getParent().equals(TEMP) && p.getFileName().toString().startsWith(TEMP_PREFIX))
          .findFirst()
          .ifPresent(p -> tempDir = p);
    }

    /**
     * Payara Micro's process ends with its deployment: the folder the container wrote the WAR to
     * goes too.
     */
    public void undeployed(@Observes AfterUnDeploy event) {
      if (tempDir != null) delete(tempDir);
      tempDir = null;
    }

    public void stopped(@Observes AfterStop event) {
      if (database != null) database.close();
      database = null;
    }

    private static void delete(Path folder) {
      try (Stream<Path> s = Files.walk(folder)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        System.err.println("[incontainer] could not remove " + folder + ": " + e.getMessage());
      }
    }

    private static int freePort() throws IOException {
      try (ServerSocket s = new ServerSocket(0)) {
        return s.getLocalPort();
      }
    }
  }
}
