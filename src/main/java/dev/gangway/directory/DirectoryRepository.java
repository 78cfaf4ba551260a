package dev.gangway.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Directories in the database. */
@ApplicationScoped
public class DirectoryRepository {
  @PersistenceContext(unitName = "gangway") EntityManager em;

  public void add(Directory directory) { em.persist(directory); em.flush(); }

  public Optional<Directory> find(long id) { return Optional.ofNullable(em.find(Directory.class, id)); }

  public Optional<Directory> findByName(String name) {
    return em.createQuery("select d from Directory d where d.name = :name", Directory.class)
        .setParameter("name", name).getResultStream().findFirst();
  }

  /** The directory whose current token has this hash (an indexed, unique lookup). */
  public Optional<Directory> findByTokenHash(SecretToken.Hash hash) {
    return em.createQuery("select d from Directory d where d.tokenHash = :h", Directory.class)
        .setParameter("h", hash.hex()).getResultStream().findFirst();
  }

  public List<Directory> list() {
    return em.createQuery("select d from Directory d order by d.id", Directory.class).getResultList();
  }
}
