package dev.gangway.it;

import static dev.gangway.it.Api.admin;
import static dev.gangway.it.Api.createUser;
import static dev.gangway.it.Api.scim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The admin dashboard in a real browser: this class prepares data over HTTP, then runs
 * {@code src/test/browser/dashboard.test.mjs}, which drives headless Chromium through every page
 * and, while the directory page is open, provisions a burst of users and sends a malformed request
 * with the directory token; the page must show both within seconds. Then it does every admin task on
 * its page (directories, companies, mapping rules, projects and bindings, licence seats, users,
 * audit, exports, the mass-deprovisioning guard's banner, settings and release) and checks each
 * result through the admin API. Screenshots of each page land
 * in {@code target/screenshots}. Without Node or Chromium this test fails and says how to install
 * them: a dashboard nobody looked at is not a passing one.
 */
class DashboardIT {
  private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(3);
  private static final List<String> SCREENSHOTS = List.of("01-sign-in", "02-directories",
      "03-directory-after-burst", "04-companies", "05-company", "06-project", "08-user-why", "09-exports",
      "10-directory-created", "11-confirm-rotate", "12-directory-token-rotated", "13-directory-manage",
      "14-company-add", "15-company", "16-rule-preview", "17-rules", "18-project-invite", "19-project-pools",
      "20-confirm-unbind", "21-project", "22-confirm-retire", "23-users-by-company", "24-audit", "25-guard-tripped",
      "26-confirm-release");

  @Test
  void theDashboardShowsEveryPageAndCatchesUpWithAProvisioningBurstAndAnError() throws Exception {
    String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    if (!Files.isExecutable(Path.of(chromium))) {
      fail("The dashboard test needs Chromium at " + chromium
          + ". Install it: apt-get update && apt-get install -y chromium (or set CHROMIUM to its path).");
    }
    requireCommand("node", "Node.js 20 or later");
    Path browserTests = GangwayServer.project("src/test/browser");
    if (!Files.isDirectory(browserTests.resolve("node_modules/playwright-core"))) {
      requireCommand("npm", "npm");
      run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), browserTests, Map.of(),
          Duration.ofMinutes(5), "npm ci");
    }

    // What the pages will show: a directory, a company by email domain, a group, a project that
    // binds both, and a user who holds a role through each.
    Api.Directory directory = Api.newDirectory("okta");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String domain = "partner-" + tag + ".example";
    String company = "partner-" + tag;
    admin().body("{\"key\":\"" + company + "\",\"name\":\"Partner " + tag + "\",\"domains\":[\"" + domain + "\"]}")
        .post("/companies").then().statusCode(201);
    String project = "DASH-" + tag.toUpperCase();
    admin().body("{\"key\":\"" + project + "\",\"name\":\"Dashboard " + tag + "\"}").post("/projects").then().statusCode(201);
    String alice = "alice@" + domain;
    String aliceId = createUser(directory, alice);
    createUser(directory, "bob@" + domain);
    String carolId = createUser(directory, "carol." + tag + "@example.com");
    String group = "Support Agents " + tag;
    String groupId = scim(directory).body("""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s",
         "members":[{"value":"%s"},{"value":"%s"}]}""".formatted(group, aliceId, carolId))
        .post("/Groups").then().statusCode(201).extract().path("id");
    admin().body("{\"role\":\"customers\",\"company\":\"" + company + "\"}")
        .post("/projects/" + project + "/bindings").then().statusCode(201);
    admin().body("{\"role\":\"collaborators\",\"group\":\"" + groupId + "\"}")
        .post("/projects/" + project + "/bindings").then().statusCode(201);

    Path screenshots = GangwayServer.project("target/screenshots");
    Files.createDirectories(screenshots);
    try (Stream<Path> old = Files.list(screenshots)) {
      for (Path p : old.filter(p -> p.toString().endsWith(".png")).toList()) Files.delete(p);
    }

    Instant begin = Instant.now();
    Result result = run(List.of("node", "dashboard.test.mjs"), browserTests, Map.ofEntries(
        Map.entry("GANGWAY_URL", Suite.get().baseUri()),
        Map.entry("GANGWAY_ADMIN_TOKEN", Suite.ADMIN_TOKEN),
        Map.entry("DIRECTORY_ID", String.valueOf(directory.id())),
        Map.entry("DIRECTORY_NAME", directory.name()),
        Map.entry("DIRECTORY_TOKEN", directory.token()),
        Map.entry("COMPANY_KEY", company),
        Map.entry("PROJECT_KEY", project),
        Map.entry("GROUP_NAME", group),
        Map.entry("USER_ID", aliceId),
        Map.entry("USER_NAME", alice),
        Map.entry("CHROMIUM", chromium),
        Map.entry("SCREENSHOT_DIR", screenshots.toString())), BROWSER_TIMEOUT, null);
    System.out.println("[dashboard] browser test took " + Duration.between(begin, Instant.now()).toMillis() + " ms");

    assertThat(result.exitCode()).as("browser test exit code; its output:\n" + result.output()).isZero();
    List<String> missing = new ArrayList<>();
    for (String name : SCREENSHOTS) {
      Path shot = screenshots.resolve(name + ".png");
      if (!Files.isRegularFile(shot) || Files.size(shot) < 1000) missing.add(name);
    }
    assertThat(missing).as("screenshots missing in " + screenshots).isEmpty();
  }

  private record Result(int exitCode, String output) {}

  /** Runs a command, echoing its output; fails when it cannot start, times out or (if named) exits non-zero. */
  private static Result run(List<String> command, Path dir, Map<String, String> env, Duration timeout, String mustSucceed)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("gangway-dashboard-", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      System.out.println("[dashboard] $ " + String.join(" ", command) + "\n" + output);
      if (!done) fail(String.join(" ", command) + " did not finish within " + timeout + ":\n" + output);
      if (mustSucceed != null && p.exitValue() != 0) fail(mustSucceed + " failed (exit " + p.exitValue() + "):\n" + output);
      return new Result(p.exitValue(), output);
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
    fail("The dashboard test needs " + what + " ('" + command + "' on the PATH). Install it: "
        + "apt-get update && apt-get install -y nodejs npm");
  }
}
