package dev.gangway.access;

import dev.gangway.audit.AuditLog;
import dev.gangway.company.CompanyMapping;
import dev.gangway.company.CompanyPlacementChanged;
import dev.gangway.identity.BatchReads;
import dev.gangway.identity.IdentityChange;
import dev.gangway.platform.ChangeCause;
import dev.gangway.webhook.Outbox;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Keeps effective access current, in the transaction of the change that caused it. The unit of work
 * is one user: the bindings that reach it now (through its direct groups and its company, none when
 * inactive) against the paths it holds; the difference is granted or revoked and recorded. A change
 * touches only the users it concerns — a membership change, one user; a new binding, its subject's
 * members — never a recomputation of everyone.
 *
 * <p>Nested groups: a binding on a group reaches the group's direct user members only; members of a
 * nested group gain nothing through the outer group (see README).
 */
@ApplicationScoped
public class AccessEngine {
  public static final int OBSERVER_PRIORITY = CompanyMapping.OBSERVER_PRIORITY + 100;

  private AccessRepository repository;
  private ChangeCause cause;
  private Clock clock;
  private AuditLog audit;
  private AccessGuard guard;
  private AccessNotices notices;

  protected AccessEngine() {}

  @Inject
  AccessEngine(
      AccessRepository repository,
      ChangeCause cause,
      Clock clock,
      AuditLog audit,
      AccessGuard guard,
      AccessNotices notices) {
    this.repository = repository;
    this.cause = cause;
    this.clock = clock;
    this.audit = audit;
    this.guard = guard;
    this.notices = notices;
  }

  void onIdentityChange(@Observes @Priority(OBSERVER_PRIORITY) IdentityChange change) {
    Unit unit = new Unit();
    // an IdP's write: the revocations it causes pass the directory's guard (not a group's deletion,
    // which removes the binding itself)
    if (!(change instanceof IdentityChange.GroupChanged))
      unit.guardedBy = change.directory().value();
    if (change instanceof IdentityChange.UserChanged u) {
      if (u.kind() == IdentityChange.Kind.DELETED) revokeAll(u.userId(), unit);
      else reconcile(u.userId(), u.kind() == IdentityChange.Kind.CREATED, unit);
    } else if (change instanceof IdentityChange.MembershipChanged m) {
      if (repository.anyBindingOn(Binding.SubjectType.GROUP, m.groupId())) {
        m.added().forEach(id -> reconcile(id, unit));
        m.removed().forEach(id -> reconcile(id, unit));
      }
    } else if (change instanceof IdentityChange.GroupChanged g
        && g.kind() == IdentityChange.Kind.DELETED) {
      for (Binding b : repository.bindingsOn(Binding.SubjectType.GROUP, g.groupId())) {
        String project = repository.project(b.projectId()).map(Project::key).orElse("?");
        String role = repository.role(b.roleId()).name();
        unbind(b, unit);
        audit.record(
            "binding.deleted",
            "binding",
            String.valueOf(b.id()),
            AuditLog.details(
                "project",
                project,
                "role",
                role,
                "subject",
                "group " + g.displayName(),
                "reason",
                "the group was deleted"));
      }
    }
    unit.finish();
  }

  void onPlacement(@Observes CompanyPlacementChanged placement) {
    if (placement.partOfUserWrite()) return; // the user's own change is reconciled right after
    Unit unit = new Unit();
    // a group-name rule moving the user on an IdP's membership change or group rename is the IdP's
    // doing: guarded like its other writes; a rule or company an admin changed is not
    unit.guardedBy = notices.scimDirectory().orElse(null);
    reconcile(placement.userId(), unit);
    unit.finish();
  }

  /** Brings one user's access in line with the bindings that reach it now. */
  public void reconcile(String userId) {
    Unit unit = new Unit();
    reconcile(userId, unit);
    unit.finish();
  }

  /** Every active user a new binding reaches gets its role (or waits for a seat). */
  public void bind(Binding binding) {
    Unit unit = new Unit();
    repository
        .activeUsersReachedBy(binding)
        .forEach((userId, userName) -> grant(userId, userName, binding, unit));
    unit.finish();
  }

  /** A binding goes: every path through it is revoked; other paths of the same users stay. */
  public void unbind(Binding binding) {
    Unit unit = new Unit();
    unbind(binding, unit);
    unit.finish();
  }

  /** After a pool's limit changed: seats that opened go to those waiting longest. */
  public void poolResized(LicencePool pool) {
    Unit unit = new Unit();
    unit.freed.add(pool.id());
    unit.finish();
  }

  /**
   * New paths are granted before old ones are revoked, so a user moving between two roles of one
   * licence pool keeps its seat.
   */
  private void reconcile(String userId, Unit unit) {
    reconcile(userId, false, unit);
  }

  /**
   * {@code created}: the user was created in this transaction — it holds no paths and is in no
   * group yet.
   */
  private void reconcile(String userId, boolean created, Unit unit) {
    var user = repository.user(userId);
    if (user.isEmpty()) {
      revokeAll(userId, unit);
      return;
    }
    boolean reachable = user.get().active() && (!created || user.get().companyId() != null);
    Long companyId = user.get().companyId();
    // a new user is in no group: the bindings that reach it are its company's, the same for
    // every new user of that company (read once per bulk request)
    List<Binding> desired =
        !reachable
            ? List.of()
            : created
                ? BatchReads.shared(
                    "access.company-bindings " + companyId,
                    () -> repository.bindingsReaching(userId, companyId))
                : repository.bindingsReaching(userId, companyId);
    Set<Long> wanted = new HashSet<>();
    desired.forEach(b -> wanted.add(b.id()));
    List<AccessGrant> current = created ? List.of() : repository.grantsOf(userId);
    Map<Long, AccessGrant> held = new HashMap<>();
    current.forEach(g -> held.put(g.bindingId(), g));
    for (Binding b : desired) {
      AccessGrant g = held.get(b.id());
      if (g == null) grant(userId, user.get().userName(), b, unit);
      else if (g.held()) cancelHold(g, user.get().userName(), unit); // the IdP reversed the change
    }
    for (AccessGrant g : current) {
      if (!wanted.contains(g.bindingId())) revoke(g, user.get().userName(), unit);
    }
  }

  /**
   * Applies up to {@code limit} users' held revocations of a directory (an admin's release): each
   * held user is reconciled with holding off, so a path the user is entitled to again stays.
   * Returns the users released; 0 when none is held any more.
   */
  public int releaseHeld(long directoryId, Instant upTo, int limit) {
    Unit unit =
        new Unit(); // an admin's unit: nothing is held, held paths not wanted any more are revoked
    List<String> users = repository.heldUsers(directoryId, upTo, limit);
    for (String userId : users) reconcile(userId, unit); // a user gone loses every path
    unit.finish();
    return users.size();
  }

  private void unbind(Binding binding, Unit unit) {
    List<AccessGrant> grants = repository.grantsVia(binding.id());
    Map<String, String> names =
        repository.userNames(grants.stream().map(AccessGrant::userId).distinct().toList());
    for (AccessGrant g : grants) revoke(g, names.getOrDefault(g.userId(), g.userId()), unit);
    repository.flush();
    repository.remove(binding);
    repository.flush();
  }

  private void revokeAll(String userId, Unit unit) {
    String name = repository.userName(userId);
    for (AccessGrant g : repository.grantsOf(userId)) revoke(g, name, unit);
  }

  private void grant(String userId, String userName, Binding binding, Unit unit) {
    ProjectRole role =
        BatchReads.shared(
            "access.role " + binding.roleId(), () -> repository.role(binding.roleId()));
    AccessGrant.State state = AccessGrant.State.GRANTED;
    if (role.poolId() != null) {
      LicencePool pool = repository.lockPool(role.poolId());
      if (!repository.holdsSeat(pool.id(), userId)
          && !pool.hasRoomFor(repository.seatHolders(pool.id()))) {
        state = AccessGrant.State.LEFT_OUT;
      }
    }
    Instant now = clock.instant();
    repository.add(new AccessGrant(userId, binding, role.poolId(), state, now));
    repository.flush();
    record(
        state == AccessGrant.State.GRANTED ? AccessEvent.Kind.GRANTED : AccessEvent.Kind.LEFT_OUT,
        userId,
        userName,
        unit.paths.of(binding),
        now);
  }

  private void revoke(AccessGrant grant, String userName, Unit unit) {
    // held until an admin releases it or the IdP reverses it; an admin's own change (a binding
    // deleted, a rule changed) applies at once, held or not
    if (grant.held() && unit.guardedBy != null) return;
    AccessEvent.Path path = unit.paths.of(grant.bindingId());
    if (grant.granted() && unit.guardedBy != null) {
      AccessGuard.Window w = unit.window();
      if (w.holds(grant.userId())) {
        hold(grant, userName, path, w, unit);
        return;
      }
    }
    String heldCause = grant.held() ? grant.heldCause() : null;
    if (grant.held() && userName.equals(grant.userId()) && grant.heldUserName() != null)
      userName = grant.heldUserName();
    repository.remove(grant);
    repository.flush();
    if (grant.granted()) {
      record(
          AccessEvent.Kind.REVOKED,
          grant.userId(),
          userName,
          path,
          clock.instant(),
          unit.guardedBy,
          heldCause);
      if (grant.poolId() != null) unit.freed.add(grant.poolId());
    }
  }

  private void hold(
      AccessGrant grant, String userName, AccessEvent.Path path, AccessGuard.Window w, Unit unit) {
    Instant now = clock.instant();
    if (!w.tripped) {
      w.tripped = true;
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("directory", Map.of("id", w.directoryId));
      data.put("threshold", w.threshold);
      data.put("window", w.settings.window().toString());
      data.put("revokedInWindow", w.revokedBefore + w.revokedNow.size());
      data.put("cause", cause.describe());
      notices.publish(Outbox.GUARD_TRIPPED, "directories/" + w.directoryId, null, data);
      audit.record(
          "directory.guard_tripped",
          "directory",
          String.valueOf(w.directoryId),
          AuditLog.details("threshold", w.threshold, "window", w.settings.window().toString()));
    }
    grant.hold(w.directoryId, now, cause.describe(), userName);
    repository.flush();
    record(AccessEvent.Kind.HELD, grant.userId(), userName, path, now, null, null);
  }

  private void cancelHold(AccessGrant grant, String userName, Unit unit) {
    String heldCause = grant.heldCause();
    grant.cancelHold();
    repository.flush();
    AccessEvent.Path path = unit.paths.of(grant.bindingId());
    notices.publish(
        Outbox.HOLD_CANCELLED,
        "users/" + grant.userId(),
        path.projectKey(),
        eventData(grant.userId(), userName, path, cause.describe(), heldCause));
  }

  private void promoteWaiting(long poolId, Paths paths) {
    LicencePool pool = repository.lockPool(poolId);
    while (pool.hasRoomFor(repository.seatHolders(poolId))) {
      var next = repository.nextWaiting(poolId);
      if (next.isEmpty()) return;
      Instant now = clock.instant();
      String name = repository.userName(next.get());
      for (AccessGrant g : repository.waiting(poolId, next.get())) {
        g.grant(now);
        record(AccessEvent.Kind.GRANTED, g.userId(), name, paths.of(g.bindingId()), now);
      }
      repository.flush();
    }
  }

  private void record(
      AccessEvent.Kind kind, String userId, String userName, AccessEvent.Path path, Instant now) {
    record(kind, userId, userName, path, now, null, null);
  }

  /**
   * The access event, and its outbound twin in the webhook outbox — both INSERTs of this
   * transaction. {@code guardedBy}: the directory whose guard counts this revocation; {@code
   * heldCause}: the SCIM call whose held revocation a release applies.
   */
  private void record(
      AccessEvent.Kind kind,
      String userId,
      String userName,
      AccessEvent.Path path,
      Instant now,
      Long guardedBy,
      String heldCause) {
    String why = cause.describe();
    String eventCause = heldCause == null ? why : why + "; held from " + heldCause;
    repository.add(new AccessEvent(now, kind, userId, userName, path, eventCause, guardedBy));
    String type =
        switch (kind) {
          case GRANTED -> Outbox.ACCESS_GRANTED;
          case REVOKED -> Outbox.ACCESS_REVOKED;
          case LEFT_OUT -> Outbox.ACCESS_LEFT_OUT;
          case HELD -> Outbox.ACCESS_HELD;
        };
    notices.publish(
        type,
        "users/" + userId,
        path.projectKey(),
        eventData(userId, userName, path, why, heldCause));
    notices.counted(kind);
  }

  private static Map<String, Object> eventData(
      String userId, String userName, AccessEvent.Path path, String why, String heldCause) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("user", Map.of("id", userId, "userName", userName));
    data.put("project", path.projectKey());
    data.put("role", path.role());
    data.put(
        "binding",
        Map.of(
            "id",
            path.bindingId(),
            "type",
            path.viaType().name().toLowerCase(Locale.ROOT),
            "name",
            path.viaName()));
    data.put("cause", why);
    if (heldCause != null) data.put("heldCause", heldCause);
    return data;
  }

  /**
   * One change's work: seats freed by its revocations go to waiting users only once the whole
   * change is done, so nobody is promoted through a path the same change is about to remove.
   */
  private final class Unit {
    final Paths paths = new Paths();
    final Set<Long> freed = new TreeSet<>();

    /**
     * The directory whose SCIM write this change is: its revocations pass that directory's guard.
     */
    Long guardedBy;

    private AccessGuard.Window window;

    AccessGuard.Window window() {
      if (window == null) window = guard.window(guardedBy);
      return window;
    }

    void finish() {
      for (Long pool : freed) promoteWaiting(pool, paths);
      freed.clear();
    }
  }

  /** Names of bindings' projects, roles and subjects, read once per change. */
  private final class Paths {
    private final Map<Long, AccessEvent.Path> known = new HashMap<>();

    AccessEvent.Path of(long bindingId) {
      AccessEvent.Path known = this.known.get(bindingId);
      return known != null ? known : of(repository.binding(bindingId).orElseThrow());
    }

    AccessEvent.Path of(Binding b) {
      AccessEvent.Path path = known.get(b.id());
      if (path == null) {
        Supplier<AccessEvent.Path> read =
            () ->
                new AccessEvent.Path(
                    b.id(),
                    repository.project(b.projectId()).map(Project::key).orElse("?"),
                    BatchReads.shared(
                            "access.role " + b.roleId(), () -> repository.role(b.roleId()))
                        .name(),
                    b.subjectType(),
                    repository.subjectName(b));
        // a company binding's names (project key, role, company key) do not change: shared in a
        // bulk
        // request; a group's name may change within one, so it is read per change
        path =
            b.subjectType() == Binding.SubjectType.COMPANY
                ? BatchReads.shared("access.path " + b.id(), read)
                : read.get();
        known.put(b.id(), path);
      }
      return path;
    }
  }
}
