package dev.gangway.reporting;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rows of each export, a batch of at most {@link #BATCH} after a key (keyset paging on an
 * indexed id): each batch is one short read, and nothing is held between batches. Time columns come
 * back as {@link Instant}s; the columns of each row are named on its method.
 */
public interface ExportQueries {
  int BATCH = 1000;

  /**
   * A binding's subject: {@code group} or {@code company}, and the group's displayName or the
   * company's key.
   */
  record Subject(String type, String name) {}

  /**
   * Current access: granted paths of one project (or all), by grant id. Columns: key, user_id,
   * user_name, directory_id, project, role, binding_id, since.
   */
  List<Object[]> currentAccess(Long projectId, long after);

  /** A project's id by key, if it exists. */
  Optional<Long> projectId(String key);

  /** The subject of a binding; its name is {@code (deleted)} when the group or company is gone. */
  Subject subject(long bindingId);

  /**
   * Access as it was at an instant, from the event history. Columns: key, user_id, user_name,
   * project, role, via_type, via_name, since.
   */
  List<Object[]> accessAt(Instant at, String project, long after);

  /** Columns: key, at, kind, user_id, user_name, project, role, via_type, via_name, cause. */
  List<Object[]> accessChanges(Instant from, Instant to, long after);

  /**
   * Columns: user_id, user_name, directory_id, directory, company, active, created_at,
   * deactivated_at.
   */
  List<Object[]> users(String after);

  /**
   * Every deactivation or deletion the audit log holds. Columns: key, user_id, action, actor,
   * requested_at, access_revoked_at, revocations, still_granted.
   */
  List<Object[]> deprovisioning(long after);

  /** A user's name, from the user or, once deleted, from the access history. */
  Optional<String> userName(String userId);
}
