package dev.gangway.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One node's SCIM traffic that is not in the database yet: per directory, requests and errors per
 * hour, the last request and last write, and the most recent errors (at most {@code errorsKept}).
 * Request threads add to it in memory only; the flusher takes everything gathered so far ({@link
 * #drain()}) and writes it as increments, and gives back what it could not write ({@link
 * #restore}). Each directory has a monitor of its own, held for a few field updates.
 */
public final class TrafficTally {
  /** A refused request as the sync status shows it: never a body or a token. */
  public record RecentError(
      Instant at, String method, String path, int status, String scimType, String detail) {}

  /**
   * Requests, failed requests and requests refused by the rate limit (also failed) counted in one
   * hour.
   */
  public record Count(long requests, long errors, long rateLimited) {
    Count(long requests, long errors) {
      this(requests, errors, 0);
    }

    Count plus(Count o) {
      return new Count(requests + o.requests, errors + o.errors, rateLimited + o.rateLimited);
    }
  }

  /** One directory's traffic since the last drain; {@code errors} oldest first. */
  public record DirectoryTraffic(
      long directoryId,
      SortedMap<Instant, Count> hours,
      Instant lastRequestAt,
      Instant lastWriteAt,
      List<RecentError> errors) {}

  private final int errorsKept;
  private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

  TrafficTally(int errorsKept) {
    this.errorsKept = errorsKept;
  }

  /** Counts one request; {@code error} (status 400 or above) is kept among the recent errors. */
  void record(long directoryId, Instant at, boolean write, RecentError error) {
    Instant hour = at.truncatedTo(ChronoUnit.HOURS);
    Count one = new Count(1, error == null ? 0 : 1);
    add(
        directoryId,
        b -> {
          b.hours.merge(hour, one, Count::plus);
          b.lastRequest = later(b.lastRequest, at);
          if (write) b.lastWrite = later(b.lastWrite, at);
          if (error != null) b.keep(error, errorsKept);
        });
  }

  /**
   * Counts one request refused by the rate limit: a request and an error of its hour, but not among
   * the recent errors, which a flood of refusals would otherwise push out.
   */
  void rateLimited(long directoryId, Instant at) {
    Instant hour = at.truncatedTo(ChronoUnit.HOURS);
    Count one = new Count(1, 1, 1);
    add(
        directoryId,
        b -> {
          b.hours.merge(hour, one, Count::plus);
          b.lastRequest = later(b.lastRequest, at);
        });
  }

  /** Takes everything counted so far, by directory id; the tally starts again from nothing. */
  List<DirectoryTraffic> drain() {
    List<DirectoryTraffic> out = new ArrayList<>();
    for (Long id : buckets.keySet()) {
      Bucket b = buckets.remove(id);
      if (b == null) continue;
      synchronized (b) {
        b.closed = true;
        out.add(
            new DirectoryTraffic(
                id,
                Collections.unmodifiableSortedMap(new TreeMap<>(b.hours)),
                b.lastRequest,
                b.lastWrite,
                List.copyOf(b.errors)));
      }
    }
    out.sort(Comparator.comparingLong(DirectoryTraffic::directoryId));
    return out;
  }

  /** Puts back traffic that could not be written, under what was counted since it was taken. */
  void restore(List<DirectoryTraffic> unwritten) {
    for (DirectoryTraffic t : unwritten) {
      add(
          t.directoryId(),
          b -> {
            t.hours().forEach((hour, count) -> b.hours.merge(hour, count, Count::plus));
            b.lastRequest = later(b.lastRequest, t.lastRequestAt());
            b.lastWrite = later(b.lastWrite, t.lastWriteAt());
            List<RecentError> newer = List.copyOf(b.errors);
            b.errors.clear();
            t.errors().forEach(e -> b.keep(e, errorsKept));
            newer.forEach(e -> b.keep(e, errorsKept));
          });
    }
  }

  boolean isEmpty() {
    return buckets.isEmpty();
  }

  private void add(long directoryId, Consumer<Bucket> change) {
    while (true) {
      Bucket b = buckets.computeIfAbsent(directoryId, k -> new Bucket());
      synchronized (b) {
        if (b.closed) continue; // drained meanwhile: count in the next one
        change.accept(b);
        return;
      }
    }
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) return b;
    if (b == null) return a;
    return a.isAfter(b) ? a : b;
  }

  private static final class Bucket {
    boolean closed;
    final Map<Instant, Count> hours = new TreeMap<>();
    Instant lastRequest;
    Instant lastWrite;
    final ArrayDeque<RecentError> errors = new ArrayDeque<>();

    void keep(RecentError e, int max) {
      errors.addLast(e);
      while (errors.size() > max) errors.removeFirst();
    }
  }
}
