package dev.gangway.identity.jpa;

import dev.gangway.directory.DirectoryId;
import dev.gangway.identity.Page;
import dev.gangway.identity.ResourceQuery;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;

/**
 * Runs a filtered, sorted, paged query over one resource table: counts all matches, then reads
 * the window, always ordered by a stable key (creation time, then id) after any requested sort.
 */
final class Searches {
  private Searches() {}

  static <T> Page<T> page(EntityManager em, AttributeMap map, String alias, Class<T> type,
                          DirectoryId directory, ResourceQuery query) {
    String where = " where " + alias + ".directoryId = :directory";
    FilterTranslator.Where filter = query.filter() == null ? null
        : FilterTranslator.translate(map, alias, query.filter());
    if (filter != null) where += " and " + filter.jpql();
    String from = " from " + map.entity() + " " + alias;

    TypedQuery<Long> count = em.createQuery("select count(" + alias + ")" + from + where, Long.class);
    bind(count, directory, filter);
    long total = count.getSingleResult();
    if (query.limit() == 0 || query.offset() >= total) return new Page<>(List.of(), total);

    String order = " order by ";
    if (query.sortBy() != null) {
      order += FilterTranslator.sortPath(map, alias, query.sortBy()) + (query.descending() ? " desc" : " asc") + ", ";
    }
    order += alias + ".createdAt, " + alias + ".id";
    TypedQuery<T> select = em.createQuery("select " + alias + from + where + order, type);
    bind(select, directory, filter);
    select.setFirstResult(query.offset()).setMaxResults(query.limit());
    return new Page<>(select.getResultList(), total);
  }

  private static void bind(TypedQuery<?> q, DirectoryId directory, FilterTranslator.Where filter) {
    q.setParameter("directory", directory.value());
    if (filter != null) filter.params().forEach(q::setParameter);
  }
}
