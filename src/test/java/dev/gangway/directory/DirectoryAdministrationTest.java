package dev.gangway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.platform.errors.DomainException;
import dev.gangway.testing.RecordingEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirectoryAdministrationTest {
  private final InMemoryDirectoryRepository directories = new InMemoryDirectoryRepository();
  private final RecordingEvent<DirectoryChanged> changes = new RecordingEvent<>();
  private final DirectoryAdministration administration =
      new DirectoryAdministration(
          directories, Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC), changes);

  @Test
  void everyChangeIsAnEventNamingTheDirectoryWithTheDetailsTheAuditRecordCarries() {
    DirectoryAdministration.Issued issued = administration.create("okta-prod", "okta");
    long id = issued.directory().id();
    assertThat(issued.token()).startsWith(DirectoryAdministration.TOKEN_PREFIX);
    administration.rotateToken(id);
    administration.rename(id, "okta-main");
    administration.disable(id);
    administration.enable(id);

    assertThat(changes.fired)
        .extracting(DirectoryChanged::change)
        .containsExactly("created", "token_rotated", "renamed", "disabled", "enabled");
    assertThat(changes.fired).allMatch(c -> c.directoryId() == id);
    assertThat(changes.fired.get(0).details())
        .containsExactly(Map.entry("name", "okta-prod"), Map.entry("idp", "okta"));
    assertThat(changes.fired.get(2).details())
        .containsExactly(Map.entry("name", List.of("okta-prod", "okta-main")));
    assertThat(changes.fired.get(1).details()).isEmpty();
  }

  @Test
  void aRenameToTheSameNameChangesNothingAndATakenNameIsAConflict() {
    long first = administration.create("first", "generic").directory().id();
    administration.create("second", "entra");
    changes.fired.clear();

    administration.rename(first, "first");
    assertThat(changes.fired).isEmpty();
    assertThatThrownBy(() -> administration.rename(first, "second"))
        .isInstanceOf(DomainException.class)
        .hasMessageContaining("exists already");
    assertThatThrownBy(() -> administration.create("second", "okta"))
        .isInstanceOf(DomainException.class)
        .hasMessageContaining("exists already");
    assertThat(changes.fired).isEmpty();
  }

  @Test
  void guardSettingsThatChangeNothingAreNeitherWrittenNorAudited() {
    long id = administration.create("steady", "okta").directory().id();
    changes.fired.clear();

    Directory.Guard current = administration.get(id).guard();
    DirectorySummary d =
        administration.setGuard(id, current.enabled(), current.percent(), null, null);

    assertThat(d.guard()).isEqualTo(current);
    assertThat(changes.fired).isEmpty();
  }

  @Test
  void guardSettingsKeepWhatTheCallLeavesOutAndTheEventCarriesAllOfThem() {
    long id = administration.create("guarded", "okta").directory().id();
    changes.fired.clear();

    DirectorySummary d = administration.setGuard(id, null, 30, null, "PT2H");
    assertThat(d.guard().percent()).isEqualTo(30);
    assertThat(d.guard().minimum()).isEqualTo(Directory.Guard.DEFAULT.minimum());
    assertThat(changes.fired)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.change()).isEqualTo("guard_changed");
              assertThat(c.details())
                  .containsExactly(
                      Map.entry("enabled", true),
                      Map.entry("percent", 30),
                      Map.entry("minimum", Directory.Guard.DEFAULT.minimum()),
                      Map.entry("window", "PT2H"));
            });
    assertThatThrownBy(() -> administration.setGuard(id, null, null, null, "two hours"))
        .isInstanceOf(DomainException.class)
        .hasMessageContaining("ISO-8601");
  }

  @Test
  void anUnknownIdpOrABadNameIsRefusedBeforeAnythingIsStored() {
    assertThatThrownBy(() -> administration.create("x", "ldap"))
        .isInstanceOf(DomainException.class)
        .hasMessageContaining("idp");
    assertThatThrownBy(() -> administration.create("-bad", "okta"))
        .isInstanceOf(DomainException.class)
        .hasMessageContaining("name");
    assertThat(directories.list()).isEmpty();
    assertThat(changes.fired).isEmpty();
  }
}
