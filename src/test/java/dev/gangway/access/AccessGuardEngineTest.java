package dev.gangway.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.audit.InMemoryAudit;
import dev.gangway.directory.Directory;
import dev.gangway.directory.DirectoryId;
import dev.gangway.directory.IdpKind;
import dev.gangway.directory.SecretToken;
import dev.gangway.identity.IdentityChange;
import dev.gangway.identity.IdentityChange.UserChanged;
import dev.gangway.platform.ChangeCause;
import dev.gangway.webhook.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guard inside the access engine: beyond the threshold a SCIM write's revocations are held (the
 * path stays granted), a reversal cancels a hold, a release applies the rest; admin changes are
 * never held. The window's figures come from the fake repository the way the real guard reads them
 * from the tables: applied revocations counted from the access events, "tripped" from held grants.
 */
class AccessGuardEngineTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final DirectoryId DIRECTORY = new DirectoryId(7);
  private static final long THRESHOLD = 2;

  private final FakeAccessRepository repo = new FakeAccessRepository();
  private final ChangeCause cause = new ChangeCause();
  private final InMemoryAudit audit = new InMemoryAudit(cause, Clock.fixed(T0, ZoneOffset.UTC));
  private final RecordingNotices notices = new RecordingNotices();
  private Binding binding;
  private int minute;

  /** The guard as the engine sees it, counting over the fake repository's grants and events. */
  private final FakeGuardCounts counts = new FakeGuardCounts(repo);

  private final AccessGuard guard = new AccessGuard(counts, Clock.fixed(T0, ZoneOffset.UTC));

  @BeforeEach
  void setUp() {
    // 20% of at most five users is below the minimum: the threshold is the minimum
    Directory okta = new Directory("okta", IdpKind.OKTA, SecretToken.Hash.of("token"), T0);
    okta.guard(new Directory.Guard(true, 20, (int) THRESHOLD, Duration.ofHours(1)));
    counts.directories.put(DIRECTORY.value(), okta);
    Project project = new Project("apollo", "Apollo", T0);
    repo.add(project);
    ProjectRole viewer = new ProjectRole(project, "viewer", null);
    repo.add(viewer);
    repo.groupMembers.put("g1", new LinkedHashSet<>());
    for (String u : List.of("u1", "u2", "u3", "u4", "u5")) {
      repo.putUser(u, u + "@example.com", true, null);
      repo.groupMembers.get("g1").add(u);
    }
    binding = new Binding(viewer, Binding.SubjectType.GROUP, "g1", T0);
    repo.add(binding);
    cause.set("POST /admin/api/projects/apollo/bindings");
    cause.actor("admin");
    engine().bind(binding);
  }

  private AccessEngine engine() {
    return new AccessEngine(
        repo,
        cause,
        Clock.fixed(T0.plusSeconds(60L * ++minute), ZoneOffset.UTC),
        audit.log(),
        guard,
        notices);
  }

  private void setActive(String user, boolean active) {
    cause.set("PATCH /scim/v2/Users/" + user);
    cause.actor("directory okta (7)");
    repo.setActive(user, active);
    engine().onIdentityChange(new UserChanged(DIRECTORY, user, IdentityChange.Kind.UPDATED));
  }

  private AccessGrant grant(String user) {
    return repo.grants.stream().filter(g -> g.userId().equals(user)).findFirst().orElse(null);
  }

  @Test
  void beyondTheThresholdRevocationsAreHeldAReversalCancelsOneAndAReleaseAppliesTheRest() {
    for (String u : List.of("u1", "u2", "u3", "u4")) setActive(u, false);

    assertThat(grant("u1")).isNull();
    assertThat(grant("u2")).isNull();
    for (String u : List.of("u3", "u4")) {
      AccessGrant g = grant(u);
      assertThat(g.granted()).as("held: access kept").isTrue();
      assertThat(g.held()).isTrue();
      assertThat(g.heldDirectoryId()).isEqualTo(DIRECTORY.value());
      assertThat(g.heldCause()).startsWith("PATCH /scim/v2/Users/" + u);
    }
    assertThat(
            repo.events.stream()
                .filter(e -> e.kind() == AccessEvent.Kind.HELD)
                .map(AccessEvent::userId))
        .containsExactly("u3", "u4");
    assertThat(audit.entries().stream().map(InMemoryAudit.Entry::action).toList())
        .contains("directory.guard_tripped");
    assertThat(notices.published)
        .filteredOn(p -> p.type().equals(Outbox.GUARD_TRIPPED))
        .as("the trip is announced once, for the directory")
        .singleElement()
        .satisfies(p -> assertThat(p.subject()).isEqualTo("directories/" + DIRECTORY.value()));

    setActive("u3", true); // the IdP reverses it before the release
    assertThat(grant("u3").held()).isFalse();
    assertThat(grant("u3").granted()).isTrue();

    cause.set("POST /admin/api/directories/7/guard/release");
    cause.actor("admin");
    assertThat(engine().releaseHeld(DIRECTORY.value(), null, 100)).isEqualTo(1);
    assertThat(grant("u4")).isNull();
    AccessEvent released = repo.events.get(repo.events.size() - 1);
    assertThat(released.kind()).isEqualTo(AccessEvent.Kind.REVOKED);
    assertThat(released.userId()).isEqualTo("u4");
    assertThat(released.cause())
        .startsWith(
            "POST /admin/api/directories/7/guard/release by admin; held from PATCH /scim/v2/Users/u4");
    assertThat(released.guardDirectoryId())
        .as("a release does not count against the next window")
        .isNull();
    assertThat(engine().releaseHeld(DIRECTORY.value(), null, 100)).isZero();
    assertThat(grant("u3").granted()).isTrue();
  }

  @Test
  void aReleaseUpToAnInstantLeavesUsersHeldAfterItHeld() {
    for (String u : List.of("u1", "u2", "u3", "u4")) setActive(u, false);
    Instant u3Held = grant("u3").heldSince();
    assertThat(grant("u4").heldSince()).as("held a minute later").isAfter(u3Held);

    assertThat(engine().releaseHeld(DIRECTORY.value(), u3Held, 100)).isEqualTo(1);
    assertThat(grant("u3")).as("released: revoked").isNull();
    assertThat(grant("u4").held()).as("held after the cut-off: still held").isTrue();

    assertThat(engine().releaseHeld(DIRECTORY.value(), null, 100)).isEqualTo(1);
    assertThat(grant("u4")).isNull();
  }

  @Test
  void aHeldPathStaysHeldThroughFurtherChangesAndAdminChangesAreNeverHeld() {
    for (String u : List.of("u1", "u2", "u3")) setActive(u, false);
    assertThat(grant("u3").held()).isTrue();
    setActive("u3", false); // the IdP says it again: still one held path, no second event
    assertThat(repo.events.stream().filter(e -> e.kind() == AccessEvent.Kind.HELD)).hasSize(1);

    // the guard is tripped: even the first revocation of another user is held
    repo.groupMembers.get("g1").remove("u5");
    cause.set("PATCH /scim/v2/Groups/g1");
    engine()
        .onIdentityChange(
            new IdentityChange.MembershipChanged(DIRECTORY, "g1", List.of(), List.of("u5")));
    assertThat(grant("u5").held()).isTrue();

    // an admin deletes the binding: applied at once, held paths included
    cause.set("DELETE /admin/api/projects/apollo/bindings/" + binding.id());
    cause.actor("admin");
    engine().unbind(binding);
    assertThat(repo.grants).isEmpty();
    assertThat(
            Set.copyOf(
                repo.events.stream()
                    .filter(
                        e -> e.kind() == AccessEvent.Kind.REVOKED && e.cause().startsWith("DELETE"))
                    .map(AccessEvent::userId)
                    .toList()))
        .containsExactlyInAnyOrder("u3", "u4", "u5");
  }
}
