package dev.gangway.access;

import java.util.Map;
import java.util.Optional;

/**
 * What effective access tells beyond its own tables, and asks of the request it runs in: outbound
 * events (the webhook outbox, written in the transaction of the change), the update counters, and
 * which directory's SCIM request, if any, made the change.
 */
public interface AccessNotices {
  /**
   * An outbound event of one of the outbox's types, about a subject ({@code users/…}, {@code
   * directories/…}).
   */
  void publish(String type, String subject, String projectKey, Map<String, Object> data);

  /** One access update of a kind, counted. */
  void counted(AccessEvent.Kind kind);

  /**
   * The directory whose SCIM request this runs in; empty in an admin's request or a background job.
   */
  Optional<Long> scimDirectory();
}
