package dev.gangway.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the browser tests (src/test/browser, driven by DashboardIT and OidcSignInIT) share: Debian's
 * Chromium, Node.js with the folder's npm packages installed, and running a command there.
 */
final class BrowserTests {
  private BrowserTests() {}

  /** What a command did: its exit code (-1 when it ran out of time) and its output. */
  record Result(int exitCode, String output) {}

  /**
   * The Chromium to drive (CHROMIUM, else Debian's); fails the test, saying how to install it, when
   * absent.
   */
  static String chromium() {
    String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    if (!Files.isExecutable(Path.of(chromium))) {
      fail(
          "The browser tests need Chromium at "
              + chromium
              + ". Install it: apt-get update && apt-get install -y chromium (or set CHROMIUM to its path).");
    }
    return chromium;
  }

  /**
   * src/test/browser, with {@code npm ci} run first when one of {@code modules} is not installed
   * yet.
   */
  static Path folder(String... modules) throws IOException, InterruptedException {
    requireCommand("node", "Node.js 20 or later");
    Path folder = GangwayServer.project("src/test/browser");
    for (String module : modules) {
      if (!Files.isDirectory(folder.resolve("node_modules").resolve(module))) {
        requireCommand("npm", "npm");
        Result ci =
            run(
                List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"),
                folder,
                Map.of(),
                Duration.ofMinutes(5),
                "npm");
        if (ci.exitCode() != 0)
          fail(
              "npm ci failed (exit "
                  + ci.exitCode()
                  + "; needs Node.js 20+ and npm):\n"
                  + ci.output());
        break;
      }
    }
    return folder;
  }

  /**
   * Runs a command in {@code dir}, echoing its output under {@code label}; killed (exit -1) after
   * {@code timeout}.
   */
  static Result run(
      List<String> command, Path dir, Map<String, String> env, Duration timeout, String label)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("gangway-" + label + "-", ".log");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      System.out.println("[" + label + "] $ " + String.join(" ", command) + "\n" + output);
      return new Result(done ? p.exitValue() : -1, output);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static void requireCommand(String command, String what) {
    try {
      Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) return;
    } catch (IOException e) {
      // not installed: fall through
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    fail(
        "The browser tests need "
            + what
            + " ('"
            + command
            + "' on the PATH). Install it: "
            + "apt-get update && apt-get install -y nodejs npm");
  }
}
