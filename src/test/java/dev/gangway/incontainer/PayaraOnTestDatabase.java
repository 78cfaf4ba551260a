package dev.gangway.incontainer;

import dev.gangway.it.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.arquillian.config.descriptor.api.ContainerDef;
import org.jboss.arquillian.container.spi.event.SetupContainer;
import org.jboss.arquillian.container.spi.event.container.AfterStop;
import org.jboss.arquillian.container.spi.event.container.AfterUnDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Client side of the in-container tests (runs in the failsafe JVM, never in Payara): before
 * Arquillian sets up its Payara Micro, gives it what {@code src/main/bin/gangway} gives a real
 * server — a MariaDB database and account of its own (made by {@link TestDatabase}, so on the
 * MariaDB and with the administrator the black-box tests use; H2 in the data folder with
 * {@code -Dgangway.test.db=embedded}), a data folder and runtime folder under {@code target/},
 * a free port — as JVM options and Payara Micro options added to {@code arquillian.xml}'s. Drops
 * the database when the container stops and removes the folder Arquillian's container leaves in
 * the system temp directory. Registered in {@code META-INF/services}.
 */
public class PayaraOnTestDatabase implements LoadableExtension {
  @Override
  public void register(ExtensionBuilder builder) { builder.observer(Lifecycle.class); }

  /** Observers of Arquillian's container events; one instance per test JVM. */
  public static class Lifecycle {
    private static final String TEMP_PREFIX = "arquillian-payara-micro";
    private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

    private TestDatabase database;
    private final Set<Path> tempBefore = new HashSet<>();

    /** Before the container's configuration is read: the options that point Payara at its database. */
    public void setup(@Observes(precedence = 100) SetupContainer event) throws IOException {
      ContainerDef container = event.getContainer().getContainerConfiguration();
      Path project = Path.of(System.getProperty("gangway.project.dir", ".")).toAbsolutePath().normalize();
      Path base = project.resolve("target/it-data");
      Files.createDirectories(base);
      Path dataDir = Files.createTempDirectory(base, "incontainer-");
      database = TestDatabase.create(TestDatabase.configuredKind());
      StringBuilder jvm = new StringBuilder(container.getContainerProperties().getOrDefault("cmdOptions", ""));
      jvm.append(" -Dgangway.data.dir=").append(dataDir);
      // system properties beat the environment in MicroProfile Config: a GANGWAY_DB_URL around does not leak in
      for (Map.Entry<String, String> e : database.environment().entrySet()) {
        jvm.append(" -D").append(e.getKey().toLowerCase(java.util.Locale.ROOT).replace('_', '.')).append('=')
            .append(e.getValue());
      }
      String micro = container.getContainerProperties().getOrDefault("extraMicroOptions", "")
          + " --port " + freePort() + " --rootdir " + dataDir.resolve("payara");
      container.overrideProperty("microJar", project.resolve("target/payara-micro.jar").toString());
      container.overrideProperty("cmdOptions", jvm.toString().strip());
      container.overrideProperty("extraMicroOptions", micro.strip());
      tempBefore.addAll(tempFolders());
      System.out.println("[incontainer] Payara Micro on " + database.kind()
          + (database.name() == null ? "" : " database " + database.name()) + ", data folder " + dataDir);
    }

    /** Payara Micro's process ends with its deployment: the folder the container wrote the WAR to goes too. */
    public void undeployed(@Observes AfterUnDeploy event) {
      for (Path p : tempFolders()) if (!tempBefore.contains(p)) delete(p);
    }

    public void stopped(@Observes AfterStop event) {
      if (database != null) database.close();
      database = null;
    }

    private static List<Path> tempFolders() {
      try (Stream<Path> s = Files.list(TEMP)) {
        return s.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX)).toList();
      } catch (IOException e) {
        return List.of();
      }
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
