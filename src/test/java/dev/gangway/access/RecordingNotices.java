package dev.gangway.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link AccessNotices} that keeps what is published and counted; the SCIM directory is what the
 * test sets.
 */
class RecordingNotices implements AccessNotices {
  /** One published event. */
  record Published(String type, String subject, String projectKey, Map<String, Object> data) {}

  final List<Published> published = new ArrayList<>();
  final List<AccessEvent.Kind> counted = new ArrayList<>();
  Long scimDirectory;

  @Override
  public void publish(String type, String subject, String projectKey, Map<String, Object> data) {
    published.add(new Published(type, subject, projectKey, data));
  }

  @Override
  public void counted(AccessEvent.Kind kind) {
    counted.add(kind);
  }

  @Override
  public Optional<Long> scimDirectory() {
    return Optional.ofNullable(scimDirectory);
  }
}
