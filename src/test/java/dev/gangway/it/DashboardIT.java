package dev.gangway.it;

import static dev.gangway.it.Api.admin;
import static dev.gangway.it.Api.createUser;
import static dev.gangway.it.Api.scim;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The admin dashboard in a real browser: this class prepares data over HTTP, then runs {@code
 * src/test/browser/dashboard.test.mjs}, which drives headless Chromium through every page and,
 * while the directory page is open, provisions a burst of users and sends a malformed request with
 * the directory token; the page must show both within seconds. Then it does every admin task on its
 * page (directories, companies, mapping rules, projects and bindings, licence seats, users, audit,
 * exports, the mass-deprovisioning guard's banner, settings and release) and checks each result
 * through the admin API. Screenshots of each page land in {@code target/screenshots}. Without Node
 * or Chromium this test fails and says how to install them: a dashboard nobody looked at is not a
 * passing one.
 */
class DashboardIT {
  private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(3);
  private static final List<String> SCREENSHOTS =
      List.of(
          "01-sign-in",
          "02-directories",
          "03-directory-after-burst",
          "04-companies",
          "05-company",
          "06-project",
          "08-user-why",
          "09-exports",
          "10-directory-created",
          "11-confirm-rotate",
          "12-directory-token-rotated",
          "13-directory-manage",
          "14-company-add",
          "15-company",
          "16-rule-preview",
          "17-rules",
          "18-project-invite",
          "19-project-pools",
          "20-confirm-unbind",
          "21-project",
          "22-confirm-retire",
          "23-users-by-company",
          "24-audit",
          "25-guard-tripped",
          "26-confirm-release");

  @Test
  void theDashboardShowsEveryPageAndCatchesUpWithAProvisioningBurstAndAnError() throws Exception {
    String chromium = BrowserTests.chromium();
    Path browserTests = BrowserTests.folder("playwright-core");

    // What the pages will show: a directory, a company by email domain, a group, a project that
    // binds both, and a user who holds a role through each.
    Api.Directory directory = Api.newDirectory("okta");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String domain = "partner-" + tag + ".example";
    String company = "partner-" + tag;
    admin()
        .body(
            "{\"key\":\""
                + company
                + "\",\"name\":\"Partner "
                + tag
                + "\",\"domains\":[\""
                + domain
                + "\"]}")
        .post("/companies")
        .then()
        .statusCode(201);
    String project = "DASH-" + tag.toUpperCase();
    admin()
        .body("{\"key\":\"" + project + "\",\"name\":\"Dashboard " + tag + "\"}")
        .post("/projects")
        .then()
        .statusCode(201);
    String alice = "alice@" + domain;
    String aliceId = createUser(directory, alice);
    createUser(directory, "bob@" + domain);
    String carolId = createUser(directory, "carol." + tag + "@example.com");
    String group = "Support Agents " + tag;
    String groupId =
        scim(directory)
            .body(
                """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s",
         "members":[{"value":"%s"},{"value":"%s"}]}"""
                    .formatted(group, aliceId, carolId))
            .post("/Groups")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    admin()
        .body("{\"role\":\"customers\",\"company\":\"" + company + "\"}")
        .post("/projects/" + project + "/bindings")
        .then()
        .statusCode(201);
    admin()
        .body("{\"role\":\"collaborators\",\"group\":\"" + groupId + "\"}")
        .post("/projects/" + project + "/bindings")
        .then()
        .statusCode(201);

    Path screenshots = GangwayServer.project("target/screenshots");
    Files.createDirectories(screenshots);
    try (Stream<Path> old = Files.list(screenshots)) {
      for (Path p : old.filter(p -> p.toString().endsWith(".png")).toList()) Files.delete(p);
    }

    Instant begin = Instant.now();
    BrowserTests.Result result =
        BrowserTests.run(
            List.of("node", "dashboard.test.mjs"),
            browserTests,
            Map.ofEntries(
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
                Map.entry("SCREENSHOT_DIR", screenshots.toString())),
            BROWSER_TIMEOUT,
            "dashboard");
    System.out.println(
        "[dashboard] browser test took "
            + Duration.between(begin, Instant.now()).toMillis()
            + " ms");

    assertThat(result.exitCode())
        .as("browser test exit code; its output:\n" + result.output())
        .isZero();
    List<String> missing = new ArrayList<>();
    for (String name : SCREENSHOTS) {
      Path shot = screenshots.resolve(name + ".png");
      if (!Files.isRegularFile(shot) || Files.size(shot) < 1000) missing.add(name);
    }
    assertThat(missing).as("screenshots missing in " + screenshots).isEmpty();
  }
}
