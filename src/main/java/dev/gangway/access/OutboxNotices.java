package dev.gangway.access;

import dev.gangway.directory.CurrentDirectory;
import dev.gangway.directory.DirectoryId;
import dev.gangway.platform.ops.Metrics;
import dev.gangway.webhook.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Access's notices through the webhook outbox, the metrics registry and the SCIM request's
 * directory.
 */
@ApplicationScoped
public class OutboxNotices implements AccessNotices {
  private Outbox outbox;
  private Metrics metrics;
  private Instance<CurrentDirectory> scimCaller;

  protected OutboxNotices() {}

  @Inject
  OutboxNotices(Outbox outbox, Metrics metrics, Instance<CurrentDirectory> scimCaller) {
    this.outbox = outbox;
    this.metrics = metrics;
    this.scimCaller = scimCaller;
  }

  @Override
  public void publish(String type, String subject, String projectKey, Map<String, Object> data) {
    outbox.publish(type, subject, projectKey, data);
  }

  @Override
  public void counted(AccessEvent.Kind kind) {
    metrics.accessUpdate(kind.name().toLowerCase(Locale.ROOT));
  }

  @Override
  public Optional<Long> scimDirectory() {
    try {
      return scimCaller.get().find().map(DirectoryId::value);
    } catch (ContextNotActiveException e) {
      return Optional.empty(); // a background job: an admin's change
    }
  }
}
