package dev.gangway.reporting;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Function;

/**
 * One export ready to stream: its name, its columns, and its rows read a batch at a time after the
 * key of the last row (keyset paging), so that memory stays flat whatever the number of rows.
 */
public final class Export {
  private final String name;
  private final List<String> columns;
  private final Function<Object, List<Object[]>> batch;
  private final Function<Object[], Object> keyOf;
  private final Function<Object[], List<?>> row;
  private final Object firstKey;

  Export(
      String name,
      List<String> columns,
      Function<Object, List<Object[]>> batch,
      Function<Object[], Object> keyOf,
      Function<Object[], List<?>> row,
      Object firstKey) {
    this.name = name;
    this.columns = List.copyOf(columns);
    this.batch = batch;
    this.keyOf = keyOf;
    this.row = row;
    this.firstKey = firstKey;
  }

  /** The name in the file name: {@code access}, {@code access-<instant>}, {@code users}… */
  public String name() {
    return name;
  }

  /**
   * What the audit record names: the export without its parameters ({@code access} for a past
   * instant too).
   */
  public String kind() {
    return name.replaceFirst("-\\d.*$", "").replaceFirst("-as-of$", "");
  }

  public String fileName(ExportFormat format) {
    return "gangway-" + name.replace(':', '-') + "." + format.extension();
  }

  public List<String> columns() {
    return columns;
  }

  /** Writes every row in {@code format}; a failure reading them is an {@link IOException}. */
  public void writeTo(OutputStream out, ExportFormat format) throws IOException {
    try (ExportFormat.RowWriter w = format.open(out, columns)) {
      Object key = firstKey;
      while (true) {
        List<Object[]> rows = batch.apply(key);
        for (Object[] r : rows) w.row(row.apply(r));
        if (rows.size() < ExportQueries.BATCH) break;
        key = keyOf.apply(rows.get(rows.size() - 1));
        if (key instanceof Number n) key = n.longValue();
      }
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("export " + name + " failed", e);
    }
  }
}
