package dev.gangway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each table belongs to one context, and only that context (or the reporting module, which owns the
 * cross-table reads for status and exports) names it in a query. A column renamed in {@code
 * identity} then breaks {@code identity}'s own tests, not four other contexts silently. ArchUnit
 * sees class dependencies, not SQL strings: this reads the sources' string literals.
 */
class TableOwnershipTest {
  /** The context that may query each table, by table and by JPA entity name. */
  private static final Map<String, String> OWNER =
      Map.ofEntries(
          Map.entry("scim_user", "identity"),
          Map.entry("scim_group", "identity"),
          Map.entry("group_member", "identity"),
          Map.entry("user_value", "identity"),
          Map.entry("User", "identity"),
          Map.entry("Group", "identity"),
          Map.entry("IdpGroup", "identity"),
          Map.entry("Membership", "identity"),
          Map.entry("UserValue", "identity"),
          Map.entry("directory", "directory"),
          Map.entry("Directory", "directory"),
          Map.entry("company", "company"),
          Map.entry("company_domain", "company"),
          Map.entry("company_member", "company"),
          Map.entry("mapping_rule", "company"),
          Map.entry("mapping_issue", "company"),
          Map.entry("reevaluation", "company"),
          Map.entry("Company", "company"),
          Map.entry("CompanyMember", "company"),
          Map.entry("MappingRule", "company"),
          Map.entry("MappingIssue", "company"),
          Map.entry("Reevaluation", "company"),
          Map.entry("project", "access"),
          Map.entry("project_role", "access"),
          Map.entry("binding", "access"),
          Map.entry("licence_pool", "access"),
          Map.entry("access_grant", "access"),
          Map.entry("access_event", "access"),
          Map.entry("Project", "access"),
          Map.entry("ProjectRole", "access"),
          Map.entry("Binding", "access"),
          Map.entry("LicencePool", "access"),
          Map.entry("AccessGrant", "access"),
          Map.entry("AccessEvent", "access"),
          Map.entry("audit_record", "audit"),
          Map.entry("audit_head", "audit"),
          Map.entry("audit_block", "audit"),
          Map.entry("directory_activity", "audit"),
          Map.entry("directory_error", "audit"),
          Map.entry("directory_traffic", "audit"),
          Map.entry("AuditRecord", "audit"),
          Map.entry("AuditHead", "audit"),
          Map.entry("AuditBlock", "audit"),
          Map.entry("webhook_subscription", "webhook"),
          Map.entry("webhook_outbox", "webhook"),
          Map.entry("webhook_delivery", "webhook"),
          Map.entry("webhook_lease", "webhook"),
          Map.entry("Subscription", "webhook"),
          Map.entry("OutboxEvent", "webhook"),
          Map.entry("admin_session", "signin"),
          Map.entry("admin_token", "signin"),
          Map.entry("AdminSession", "signin"),
          Map.entry("PersonalToken", "signin"));

  /** The one module allowed to read across contexts (its package-info says why). */
  private static final String REPORTING = "reporting";

  private static final Path SOURCES = Path.of("src/main/java/dev/gangway");
  private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
  private static final Pattern TABLE_USE =
      Pattern.compile("(?i:\\b(?:from|join|update|into)\\s+)([A-Za-z_]+)\\b");

  @Test
  void every_query_names_only_tables_of_its_own_context() throws IOException {
    List<String> foreign = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files
          .filter(f -> f.toString().endsWith(".java"))
          .forEach(
              f -> {
                String context = SOURCES.relativize(f).getName(0).toString();
                if (context.equals(REPORTING) || context.endsWith(".java")) return;
                for (String literal : literals(read(f))) {
                  Matcher use = TABLE_USE.matcher(literal);
                  while (use.find()) {
                    String owner = OWNER.get(use.group(1));
                    if (owner != null && !owner.equals(context)) {
                      foreign.add(
                          SOURCES.relativize(f) + " names " + use.group(1) + " (" + owner + ")");
                    }
                  }
                }
              });
    }
    assertThat(foreign).as("queries of another context's tables").isEmpty();
  }

  @Test
  void the_check_sees_a_foreign_table_in_a_query() {
    List<String> found =
        literals(
            "String q = \"select u.id from User u\"; String t = \"\"\"\n  SELECT 1\n  FROM access_grant g\n\"\"\";");
    assertThat(found).hasSize(2);
    assertThat(found)
        .anySatisfy(
            l -> assertThat(TABLE_USE.matcher(l).results().map(r -> r.group(1))).contains("User"));
    assertThat(found)
        .anySatisfy(
            l ->
                assertThat(TABLE_USE.matcher(l).results().map(r -> r.group(1)))
                    .contains("access_grant"));
  }

  private static List<String> literals(String source) {
    List<String> out = new ArrayList<>();
    Matcher blocks = TEXT_BLOCK.matcher(source);
    StringBuilder rest = new StringBuilder();
    while (blocks.find()) {
      out.add(blocks.group(1));
      blocks.appendReplacement(rest, "");
    }
    blocks.appendTail(rest);
    LITERAL.matcher(rest).results().forEach(r -> out.add(r.group(1)));
    return out;
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
