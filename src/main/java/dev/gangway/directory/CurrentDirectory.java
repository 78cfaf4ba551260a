package dev.gangway.directory;

import jakarta.enterprise.context.RequestScoped;

/** The directory whose token authenticated the current SCIM request. */
@RequestScoped
public class CurrentDirectory {
  private DirectoryId directory;

  public void set(DirectoryId directory) { this.directory = directory; }

  /** The authenticated directory; a SCIM request never reaches a repository without one. */
  public DirectoryId get() {
    if (directory == null) throw new IllegalStateException("no authenticated directory on this request");
    return directory;
  }
}
