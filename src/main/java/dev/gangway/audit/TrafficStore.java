package dev.gangway.audit;

import dev.gangway.audit.TrafficTally.DirectoryTraffic;
import java.util.List;

/**
 * Where one node's gathered SCIM traffic is added, in one transaction of its own: hourly counts and
 * last-request/last-write instants as increments and maxima (so that any number of nodes add up, in
 * any order), then the new errors, keeping the {@value #ERRORS_KEPT} most recent per directory.
 */
public interface TrafficStore {
  int ERRORS_KEPT = 50;

  void add(List<DirectoryTraffic> batch);
}
