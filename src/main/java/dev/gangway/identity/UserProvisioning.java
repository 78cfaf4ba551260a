package dev.gangway.identity;

import dev.gangway.directory.DirectoryId;
import dev.gangway.identity.IdentityChange.Kind;
import dev.gangway.identity.IdentityChange.UserChanged;
import dev.gangway.platform.errors.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Use cases of an IdP on users; each call is one transaction. */
@ApplicationScoped
@Transactional
public class UserProvisioning {
  private UserRepository users;
  private Clock clock;
  private Event<IdentityChange> changes;

  protected UserProvisioning() {}

  @Inject
  UserProvisioning(UserRepository users, Clock clock, Event<IdentityChange> changes) {
    this.users = users;
    this.clock = clock;
    this.changes = changes;
  }

  public UserSnapshot create(DirectoryId directory, UserProfile profile) {
    UserName name = UserName.of(profile.userName());
    User user = new User(directory.value(), profile, clock.instant());
    // the unique key on (directory, userName) decides: no read before the insert
    if (!users.addNew(user, profile.values())) {
      throw DomainException.uniqueness(
          "userName '" + name + "' is already taken in this directory");
    }
    UserSnapshot created = new UserSnapshot(user, profile.values(), List.of());
    changes.fire(
        new UserChanged(
            directory, user.id(), Kind.CREATED, UserProfile.changes(null, profile), created));
    return created;
  }

  /**
   * Reads run without a transaction (as do {@link #search}): a read opens none, writes nothing and
   * commits nothing — its statements are the reads themselves.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public UserSnapshot get(DirectoryId directory, String id) {
    User user = load(directory, id);
    return snapshot(user);
  }

  /** Full replace (PUT): what the profile leaves out is cleared. */
  public UserSnapshot replace(
      DirectoryId directory, String id, Long expectedVersion, UserProfile profile) {
    return modify(directory, id, expectedVersion, current -> profile);
  }

  /**
   * Applies a change computed from the current state (PATCH): read, change and write in one
   * transaction, so that all of a request's operations apply or none do.
   */
  public UserSnapshot modify(
      DirectoryId directory,
      String id,
      Long expectedVersion,
      Function<UserSnapshot, UserProfile> change) {
    User user = lock(directory, id);
    checkVersion(expectedVersion, user.version(), id);
    UserSnapshot current = snapshot(user);
    UserProfile before = current.profile(); // read now: the entity changes below
    UserProfile next = change.apply(current);
    UserName name = UserName.of(next.userName());
    if (!name.key().equals(user.userName().key())) ensureFree(directory, name, user.id());
    Instant now = clock.instant();
    user.apply(next, now);
    if (!next.values().equals(current.values())) users.replaceValues(user, next.values());
    users.flush();
    UserSnapshot after = new UserSnapshot(user, next.values(), current.groups());
    changes.fire(
        new UserChanged(
            directory, user.id(), Kind.UPDATED, UserProfile.changes(before, next), after));
    return after;
  }

  public void delete(DirectoryId directory, String id, Long expectedVersion) {
    User user = lock(directory, id);
    checkVersion(expectedVersion, user.version(), id);
    changes.fire(
        new UserChanged(
            directory,
            user.id(),
            Kind.DELETED,
            Map.of("userName", Arrays.asList(user.userName().value(), null))));
    users.delete(user);
    users.flush();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<UserSnapshot> search(DirectoryId directory, ResourceQuery query) {
    Page<User> page = users.search(directory, query);
    List<String> ids = page.items().stream().map(User::id).toList();
    Details details = users.detailsOf(ids);
    return new Page<>(
        page.items().stream()
            .map(
                u ->
                    new UserSnapshot(u, details.values().get(u.id()), details.groups().get(u.id())))
            .toList(),
        page.total());
  }

  private UserSnapshot snapshot(User user) {
    Details details = users.detailsOf(List.of(user.id()));
    return new UserSnapshot(user, details.values().get(user.id()), details.groups().get(user.id()));
  }

  private User load(DirectoryId directory, String id) {
    return users
        .find(directory, id)
        .orElseThrow(() -> DomainException.notFound("User " + id + " not found"));
  }

  /**
   * Loads a user to change it: concurrent writers of one user wait for each other (no lost update).
   */
  private User lock(DirectoryId directory, String id) {
    return users
        .findForUpdate(directory, id)
        .orElseThrow(() -> DomainException.notFound("User " + id + " not found"));
  }

  private void ensureFree(DirectoryId directory, UserName name, String exceptId) {
    users
        .findByUserName(directory, name)
        .filter(other -> !other.id().equals(exceptId))
        .ifPresent(
            other -> {
              throw DomainException.uniqueness(
                  "userName '" + name + "' is already taken in this directory");
            });
  }

  static void checkVersion(Long expected, long actual, String id) {
    if (expected != null && expected != actual) {
      throw new DomainException(
          DomainException.Kind.PRECONDITION_FAILED,
          "resource " + id + " is at version " + actual + ", not " + expected);
    }
  }
}
