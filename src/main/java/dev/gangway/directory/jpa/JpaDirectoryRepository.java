package dev.gangway.directory.jpa;

import dev.gangway.directory.Directory;
import dev.gangway.directory.DirectoryRepository;
import dev.gangway.directory.SecretToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** {@link DirectoryRepository} in the database. */
@ApplicationScoped
public class JpaDirectoryRepository implements DirectoryRepository {
  @PersistenceContext(unitName = "gangway")
  EntityManager em;

  @Override
  public void add(Directory directory) {
    em.persist(directory);
    em.flush();
  }

  @Override
  public Optional<Directory> find(long id) {
    return Optional.ofNullable(em.find(Directory.class, id));
  }

  @Override
  public Optional<Directory> findByName(String name) {
    return em.createQuery("select d from Directory d where d.name = :name", Directory.class)
        .setParameter("name", name)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<Directory> findByTokenHash(SecretToken.Hash hash) {
    return em.createQuery("select d from Directory d where d.tokenHash = :h", Directory.class)
        .setParameter("h", hash.hex())
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<Directory> list() {
    return em.createQuery("select d from Directory d order by d.id", Directory.class)
        .getResultList();
  }
}
