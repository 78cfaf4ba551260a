package dev.gangway.directory;

/** The directory a request acts for; every identity query is scoped by it. */
public record DirectoryId(long value) {
  @Override
  public String toString() {
    return "Directory[" + value + "]";
  }
}
