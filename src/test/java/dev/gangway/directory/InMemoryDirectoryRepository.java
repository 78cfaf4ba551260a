package dev.gangway.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link DirectoryRepository} in memory; {@link #add} numbers directories as the database's
 * identity column does.
 */
final class InMemoryDirectoryRepository implements DirectoryRepository {
  private final List<Directory> directories = new ArrayList<>();

  @Override
  public void add(Directory directory) {
    directory.assignId(directories.size() + 1); // what the database does on insert
    directories.add(directory);
  }

  @Override
  public Optional<Directory> find(long id) {
    return directories.stream().filter(d -> d.id() == id).findFirst();
  }

  @Override
  public Optional<Directory> findByName(String name) {
    return directories.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  @Override
  public Optional<Directory> findByTokenHash(SecretToken.Hash hash) {
    return directories.stream().filter(d -> d.tokenHash().equals(hash)).findFirst();
  }

  @Override
  public List<Directory> list() {
    return List.copyOf(directories);
  }
}
