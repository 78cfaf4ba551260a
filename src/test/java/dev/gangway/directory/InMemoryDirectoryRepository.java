package dev.gangway.directory;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link DirectoryRepository} in memory; {@link #add} numbers directories as the database's identity column does. */
final class InMemoryDirectoryRepository implements DirectoryRepository {
  private final List<Directory> directories = new ArrayList<>();

  @Override public void add(Directory directory) {
    field("id").set(directory, (long) directories.size() + 1); // what the database does on insert
    directories.add(directory);
  }

  @Override public Optional<Directory> find(long id) {
    return directories.stream().filter(d -> d.id() == id).findFirst();
  }

  @Override public Optional<Directory> findByName(String name) {
    return directories.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  @Override public Optional<Directory> findByTokenHash(SecretToken.Hash hash) {
    return directories.stream().filter(d -> hash.hex().equals(field("tokenHash").get(d))).findFirst();
  }

  @Override public List<Directory> list() { return List.copyOf(directories); }

  /** A mapped column of {@link Directory}, as JPA reaches it. */
  private static Column field(String name) {
    try {
      Field f = Directory.class.getDeclaredField(name);
      f.setAccessible(true);
      return new Column(f);
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Column(Field field) {
    Object get(Directory d) {
      try {
        return field.get(d);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    void set(Directory d, Object value) {
      try {
        field.set(d, value);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
