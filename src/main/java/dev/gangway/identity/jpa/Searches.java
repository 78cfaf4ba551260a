package dev.gangway.identity.jpa;

import dev.gangway.directory.DirectoryId;
import dev.gangway.identity.Page;
import dev.gangway.identity.ResourceQuery;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;

/**
 * Runs a filtered, sorted, paged query over one resource table: reads the window, always ordered by
 * a stable key (creation time, then id) after any requested sort, then counts all matches unless
 * the window already tells how many there are.
 */
final class Searches {
  private Searches() {}

  static <T> Page<T> page(
      EntityManager em,
      AttributeMap map,
      String alias,
      Class<T> type,
      DirectoryId directory,
      ResourceQuery query) {
    FilterCriteria criteria = FilterCriteria.from(query.criteria());
    String where = " where " + alias + ".directoryId = :directory";
    FilterTranslator.Where filter =
        criteria.filter() == null
            ? null
            : FilterTranslator.translate(map, alias, criteria.filter());
    if (filter != null) where += " and " + filter.jpql();
    String from = " from " + map.entity() + " " + alias;

    if (query.limit() == 0)
      return new Page<>(List.of(), count(em, alias, from + where, directory, filter));

    String order = " order by ";
    if (criteria.sortBy() != null) {
      order +=
          FilterTranslator.sortPath(map, alias, criteria.sortBy())
              + (criteria.descending() ? " desc" : " asc")
              + ", ";
    }
    order += alias + ".createdAt, " + alias + ".id";
    TypedQuery<T> select = em.createQuery("select " + alias + from + where + order, type);
    bind(select, directory, filter);
    select.setFirstResult(query.offset()).setMaxResults(query.limit());
    List<T> items = select.getResultList();
    // A page that is not full and not empty ends the matches: it tells the total (an IdP's
    // lookup, one match of at most count, costs no count query).
    boolean pageTellsTotal =
        items.size() < query.limit() && (!items.isEmpty() || query.offset() == 0);
    long total =
        pageTellsTotal
            ? query.offset() + items.size()
            : count(em, alias, from + where, directory, filter);
    return new Page<>(items, total);
  }

  private static long count(
      EntityManager em,
      String alias,
      String fromWhere,
      DirectoryId directory,
      FilterTranslator.Where filter) {
    TypedQuery<Long> count = em.createQuery("select count(" + alias + ")" + fromWhere, Long.class);
    bind(count, directory, filter);
    return count.getSingleResult();
  }

  private static void bind(TypedQuery<?> q, DirectoryId directory, FilterTranslator.Where filter) {
    q.setParameter("directory", directory.value());
    if (filter != null) filter.params().forEach(q::setParameter);
  }
}
