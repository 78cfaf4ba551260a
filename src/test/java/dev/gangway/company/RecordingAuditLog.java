package dev.gangway.company;

import dev.gangway.audit.AuditLog;
import dev.gangway.audit.AuditRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@link AuditLog} that keeps what it is asked to record, in order, and stores nothing. */
class RecordingAuditLog extends AuditLog {
  /** One call of {@link #record}. */
  record Entry(String action, String targetType, String targetId, Map<String, Object> details) {}

  final List<Entry> entries = new ArrayList<>();

  @Override
  public AuditRecord record(String action, String targetType, String targetId, Map<String, ?> details) {
    entries.add(new Entry(action, targetType, targetId, details == null ? Map.of() : new LinkedHashMap<String, Object>(details)));
    return null;
  }
}
