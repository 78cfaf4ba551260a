package dev.gangway.directory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An administrative change to a directory ({@code created}, {@code renamed}, …), fired
 * synchronously inside the transaction of the change: the audit log observes it, so the record
 * commits or rolls back with the change, and this context never knows the audit log.
 */
public record DirectoryChanged(String change, long directoryId, Map<String, Object> details) {
  public DirectoryChanged {
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /**
   * A change with details given as key, value, key, value… in that order; null values are left out.
   */
  static DirectoryChanged of(String change, long directoryId, Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) m.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
    }
    return new DirectoryChanged(change, directoryId, m);
  }
}
