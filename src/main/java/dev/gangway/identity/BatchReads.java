package dev.gangway.identity;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads that the operations of one {@code /Bulk} request share: the mapping rules, the owners of a
 * domain, the bindings on a company, a role's or project's name — the same for the thousand users
 * of an initial sync, read once per request instead of once per operation. Each operation keeps its
 * own transaction; only these reads of configuration are shared, for the length of the request (an
 * admin's change made meanwhile applies from the next request, as it would to a request that had
 * started just before it). Outside a bulk request every read goes to the database. Held per thread
 * for the request only: nothing outlives it, no other node needs it.
 */
public final class BatchReads {
  private static final ThreadLocal<Map<String, Object>> SHARED = new ThreadLocal<>();

  private BatchReads() {}

  /** Runs a bulk request's operations with their shared reads; forgets them at the end. */
  public static <T> T during(Supplier<T> work) {
    Map<String, Object> previous = SHARED.get();
    SHARED.set(new HashMap<>());
    try {
      return work.get();
    } finally {
      if (previous == null) SHARED.remove();
      else SHARED.set(previous);
    }
  }

  /**
   * The value read earlier in this bulk request under the key, or a fresh read (kept for the
   * request).
   */
  @SuppressWarnings("unchecked")
  public static <T> T shared(String key, Supplier<T> read) {
    Map<String, Object> shared = SHARED.get();
    if (shared == null) return read.get();
    Object known = shared.get(key);
    if (known == null) {
      known = read.get();
      if (known != null) shared.put(key, known);
    }
    return (T) known;
  }
}
