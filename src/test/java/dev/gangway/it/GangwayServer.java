package dev.gangway.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Gangway process for black-box tests, started exactly as a user starts it: the packaged WAR on
 * Payara Micro through {@code src/main/bin/gangway}, configured by environment variables.
 */
public final class GangwayServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final int port;
  private final Path log;
  private final Process process;
  private final Duration startup;

  private GangwayServer(int port, Path log, Process process, Duration startup) {
    this.port = port;
    this.log = log;
    this.process = process;
    this.startup = startup;
  }

  /** Starts a server and waits until it answers, or fails with the end of its log. */
  public static GangwayServer start(Path dataDir, Map<String, String> env) {
    Started s = launch(dataDir, env);
    if (!s.ready()) {
      throw new IllegalStateException(
          "Gangway did not start (exit " + s.exitCode() + "):\n" + tail(s.log()));
    }
    return s.server();
  }

  /** What a start attempt led to: a ready server, or a process that exited. */
  public record Started(GangwayServer server, boolean ready, Integer exitCode, Path log) {}

  public static Started launch(Path dataDir, Map<String, String> env) {
    try {
      int port = freePort();
      Files.createDirectories(dataDir);
      Path log = dataDir.resolve("launcher-" + port + ".log");
      ProcessBuilder pb =
          new ProcessBuilder(
                  "bash",
                  project("src/main/bin/gangway").toString(),
                  project("target/payara-micro.jar").toString(),
                  project("target/gangway.war").toString())
              .directory(dataDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().keySet().removeIf(k -> k.startsWith("GANGWAY_"));
      pb.environment().put("GANGWAY_HTTP_PORT", String.valueOf(port));
      pb.environment().put("GANGWAY_DATA_DIR", dataDir.toString());
      pb.environment().put("JAVA_OPTS", "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
      pb.environment().putAll(env);
      Instant begin = Instant.now();
      Process p = pb.start();
      while (Duration.between(begin, Instant.now()).compareTo(START_TIMEOUT) < 0) {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        if (text.contains("Gangway is ready on")) {
          return new Started(
              new GangwayServer(port, log, p, Duration.between(begin, Instant.now())),
              true,
              null,
              log);
        }
        if (p.waitFor(250, TimeUnit.MILLISECONDS))
          return new Started(null, false, p.exitValue(), log);
      }
      destroy(p);
      throw new IllegalStateException(
          "Gangway did not start within " + START_TIMEOUT + ":\n" + tail(log));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String baseUri() {
    return "http://127.0.0.1:" + port;
  }

  /** The process id of the server's JVM (for jstat and the like). */
  public long javaPid() {
    return process
        .descendants()
        .filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(false))
        .findFirst()
        .map(ProcessHandle::pid)
        .orElseThrow();
  }

  public int port() {
    return port;
  }

  /** The data directory the server was started with. */
  public Path dataDir() {
    return log.getParent();
  }

  /** From process start to the ready line. */
  public Duration startup() {
    return startup;
  }

  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Kills the server's JVM with SIGKILL, as a power cut, the OOM killer or a container eviction
   * would, and waits for the start script to end with it.
   */
  public void kill() {
    ProcessHandle.of(javaPid()).ifPresent(ProcessHandle::destroyForcibly);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS))
        throw new IllegalStateException("the start script did not end");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * SIGTERM to the start script, as a service manager or Ctrl-C sends it; its exit code once it
   * ended.
   */
  public int stop(Duration timeout) {
    process.destroy();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "Gangway did not stop within " + timeout + ":\n" + tail(log));
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    destroy(process);
  }

  private static void destroy(Process p) {
    List<ProcessHandle> children = p.descendants().toList();
    p.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
      for (ProcessHandle c : children) c.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }

  static Path project(String relative) {
    return Path.of(System.getProperty("gangway.project.dir", "."))
        .toAbsolutePath()
        .resolve(relative)
        .normalize();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
