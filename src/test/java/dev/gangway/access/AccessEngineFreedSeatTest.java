package dev.gangway.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.audit.InMemoryAudit;
import dev.gangway.directory.DirectoryId;
import dev.gangway.identity.IdentityChange;
import dev.gangway.platform.ChangeCause;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A seat freed by a change goes to a waiting user only through a path that survives the change. */
class AccessEngineFreedSeatTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final FakeAccessRepository repo = new FakeAccessRepository();
  private final ChangeCause cause = new ChangeCause();

  private AccessEngine at(long seconds) {
    Clock clock = Clock.fixed(T0.plusSeconds(seconds), ZoneOffset.UTC);
    return new AccessEngine(
        repo,
        cause,
        clock,
        new InMemoryAudit(cause, clock).log(),
        new AccessGuard(new FakeGuardCounts(repo), clock),
        new RecordingNotices());
  }

  private Binding oneSeatGroupWithAnnHoldingAndCidWaiting() {
    cause.set("test");
    Project p = new Project("apollo", "Apollo", T0);
    repo.add(p);
    LicencePool pool = new LicencePool("agent", 1);
    repo.add(pool);
    ProjectRole agent = new ProjectRole(p, "agent", pool);
    repo.add(agent);
    repo.putUser("ann", "ann", true, null);
    repo.putUser("cid", "cid", true, null);
    repo.putGroup("g", "Support", "ann", "cid");
    Binding b = new Binding(agent, Binding.SubjectType.GROUP, "g", T0);
    repo.add(b);
    at(0).bind(b);
    return b;
  }

  @Test
  void unbindingDoesNotPromoteAWaiterThroughTheBindingBeingDeleted() {
    Binding b = oneSeatGroupWithAnnHoldingAndCidWaiting();
    at(60).unbind(b);
    assertThat(repo.events)
        .filteredOn(e -> e.userId().equals("cid"))
        .extracting(AccessEvent::kind)
        .containsExactly(AccessEvent.Kind.LEFT_OUT);
  }

  @Test
  void aUserRemovedFromTheGroupInTheSameChangeIsNotPromoted() {
    oneSeatGroupWithAnnHoldingAndCidWaiting();
    repo.groupMembers.get("g").clear();
    at(60)
        .onIdentityChange(
            new IdentityChange.MembershipChanged(
                new DirectoryId(1), "g", List.of(), List.of("ann", "cid")));
    assertThat(repo.events)
        .filteredOn(e -> e.userId().equals("cid"))
        .extracting(AccessEvent::kind)
        .containsExactly(AccessEvent.Kind.LEFT_OUT);
  }
}
