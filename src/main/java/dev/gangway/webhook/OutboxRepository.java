package dev.gangway.webhook;

/**
 * Where outbound events wait for dispatch: appended in the transaction of the change they report.
 */
public interface OutboxRepository {
  /** One INSERT, no row shared with other writers. */
  void add(OutboxEvent event);
}
