package dev.gangway.directory;

import dev.gangway.platform.ChangeCause;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** The directory whose token authenticated the current SCIM request. */
@RequestScoped
public class CurrentDirectory {
  private DirectoryId directory;
  private ChangeCause cause;

  protected CurrentDirectory() {}

  @Inject
  CurrentDirectory(ChangeCause cause) {
    this.cause = cause;
  }

  public void set(DirectoryId directory) {
    this.directory = directory;
    cause.actor("directory " + directory.value());
  }

  /** The authenticated directory, if the request has one (a refused request has none). */
  public Optional<DirectoryId> find() {
    return Optional.ofNullable(directory);
  }

  /** The authenticated directory; a SCIM request never reaches a repository without one. */
  public DirectoryId get() {
    if (directory == null)
      throw new IllegalStateException("no authenticated directory on this request");
    return directory;
  }
}
