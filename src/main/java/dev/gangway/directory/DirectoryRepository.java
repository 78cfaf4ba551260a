package dev.gangway.directory;

import java.util.List;
import java.util.Optional;

/** Where directories are kept. */
public interface DirectoryRepository {
  /** Stores a new directory; its id is known on return. */
  void add(Directory directory);

  Optional<Directory> find(long id);

  Optional<Directory> findByName(String name);

  /** The directory whose current token has this hash (an indexed, unique lookup). */
  Optional<Directory> findByTokenHash(SecretToken.Hash hash);

  /** Every directory, by id. */
  List<Directory> list();
}
