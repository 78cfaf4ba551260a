package dev.gangway.directory;

import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.persistence.RetriedOnConflict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Admin use cases on directories: create (token shown once), list, rotate, disable, enable. They
 * answer {@link DirectorySummary} records; the entity stays inside.
 */
@ApplicationScoped
@Transactional
@RetriedOnConflict
public class DirectoryAdministration {
  static final String TOKEN_PREFIX = "gwd_";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private DirectoryRepository directories;
  private Clock clock;
  private Event<DirectoryChanged> changes;

  protected DirectoryAdministration() {}

  @Inject
  DirectoryAdministration(
      DirectoryRepository directories, Clock clock, Event<DirectoryChanged> changes) {
    this.directories = directories;
    this.clock = clock;
    this.changes = changes;
  }

  /** A directory and the one moment its token is known in clear. */
  public record Issued(DirectorySummary directory, String token) {}

  public Issued create(String name, String idp) {
    checkName(name);
    IdpKind kind = parseIdp(idp);
    if (directories.findByName(name).isPresent()) {
      throw DomainException.uniqueness("a directory named '" + name + "' exists already");
    }
    String token = SecretToken.generate(TOKEN_PREFIX);
    Directory directory = new Directory(name, kind, SecretToken.Hash.of(token), clock.instant());
    directories.add(directory);
    changes.fire(DirectoryChanged.of("created", directory.id(), "name", name, "idp", kind.key()));
    return new Issued(DirectorySummary.of(directory), token);
  }

  public List<DirectorySummary> list() {
    return directories.list().stream().map(DirectorySummary::of).toList();
  }

  public DirectorySummary get(long id) {
    return DirectorySummary.of(find(id));
  }

  private Directory find(long id) {
    return directories.find(id).orElseThrow(() -> DomainException.notFound("no directory " + id));
  }

  /** A new token replaces the old one at once; the old one stops working. */
  public Issued rotateToken(long id) {
    Directory directory = find(id);
    String token = SecretToken.generate(TOKEN_PREFIX);
    directory.rotateToken(SecretToken.Hash.of(token), clock.instant());
    changes.fire(DirectoryChanged.of("token_rotated", id));
    return new Issued(DirectorySummary.of(directory), token);
  }

  /** Renames a directory; the IdP keeps working (it knows the token, not the name). */
  public DirectorySummary rename(long id, String name) {
    Directory directory = find(id);
    checkName(name);
    if (name.equals(directory.name())) return DirectorySummary.of(directory);
    if (directories.findByName(name).filter(other -> !other.equals(directory)).isPresent()) {
      throw DomainException.uniqueness("a directory named '" + name + "' exists already");
    }
    String before = directory.name();
    directory.rename(name);
    changes.fire(DirectoryChanged.of("renamed", id, "name", Arrays.asList(before, name)));
    return DirectorySummary.of(directory);
  }

  public DirectorySummary disable(long id) {
    Directory directory = find(id);
    directory.disable();
    changes.fire(DirectoryChanged.of("disabled", id));
    return DirectorySummary.of(directory);
  }

  public DirectorySummary enable(long id) {
    Directory directory = find(id);
    directory.enable();
    changes.fire(DirectoryChanged.of("enabled", id));
    return DirectorySummary.of(directory);
  }

  /** A rename (when {@code name} is given) and new guard settings, in one transaction. */
  public DirectorySummary change(
      long id, String name, Boolean enabled, Integer percent, Integer minimum, String window) {
    if (name != null) rename(id, name);
    return setGuard(id, enabled, percent, minimum, window);
  }

  /** New guard settings; what the call leaves out keeps its current value. */
  public DirectorySummary setGuard(
      long id, Boolean enabled, Integer percent, Integer minimum, String window) {
    Directory directory = find(id);
    Directory.Guard current = directory.guard();
    Duration w = current.window();
    if (window != null) {
      try {
        w = Duration.parse(window);
      } catch (DateTimeParseException e) {
        throw DomainException.invalid(
            "guard.window must be an ISO-8601 duration such as PT1H, not '" + window + "'");
      }
    }
    Directory.Guard guard;
    try {
      guard =
          new Directory.Guard(
              enabled != null ? enabled : current.enabled(),
              percent != null ? percent : current.percent(),
              minimum != null ? minimum : current.minimum(),
              w);
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid(e.getMessage());
    }
    if (guard.equals(current)) return DirectorySummary.of(directory); // nothing to write or audit
    directory.guard(guard);
    changes.fire(
        DirectoryChanged.of(
            "guard_changed",
            id,
            "enabled",
            guard.enabled(),
            "percent",
            guard.percent(),
            "minimum",
            guard.minimum(),
            "window",
            guard.window().toString()));
    return DirectorySummary.of(directory);
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw DomainException.invalid(
          "name must be 1 to 100 letters, digits, '.', '_' or '-',"
              + " starting with a letter or digit");
    }
  }

  private static IdpKind parseIdp(String idp) {
    try {
      return IdpKind.of(idp);
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid(e.getMessage());
    }
  }
}
