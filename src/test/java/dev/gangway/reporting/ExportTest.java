package dev.gangway.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ExportTest {
  /** Rows 1..n of one column, read a batch after a key as the queries do. */
  private static List<Object[]> after(long n, Object key, List<Object> keys) {
    keys.add(key);
    long from = (Long) key;
    return LongStream.rangeClosed(from + 1, Math.min(n, from + ExportQueries.BATCH))
        .mapToObj(i -> new Object[] {Integer.valueOf((int) i)})
        .toList(); // a driver may answer an Integer
  }

  private static String csv(Export export) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    export.writeTo(out, ExportFormat.CSV);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void rowsAreReadABatchAtATimeAfterTheLastKeyUntilABatchComesBackShort() throws IOException {
    List<Object> keys = new ArrayList<>();
    long n = 2L * ExportQueries.BATCH + 5;
    Export export =
        new Export(
            "numbers", List.of("n"), key -> after(n, key, keys), r -> r[0], r -> List.of(r[0]), 0L);

    String csv = csv(export);

    assertThat(csv.lines()).hasSize((int) n + 1).startsWith("n", "1").endsWith(String.valueOf(n));
    assertThat(keys).containsExactly(0L, (long) ExportQueries.BATCH, 2L * ExportQueries.BATCH);
  }

  @Test
  void anExactMultipleOfTheBatchEndsWithOneEmptyRead() throws IOException {
    List<Object> keys = new ArrayList<>();
    Export export =
        new Export(
            "numbers",
            List.of("n"),
            key -> after(ExportQueries.BATCH, key, keys),
            r -> r[0],
            r -> List.of(r[0]),
            0L);

    assertThat(csv(export).lines()).hasSize(ExportQueries.BATCH + 1);
    assertThat(keys).containsExactly(0L, (long) ExportQueries.BATCH);
  }

  @Test
  void aFailedReadIsAnIoErrorNamingTheExport() {
    Export export =
        new Export(
            "users",
            List.of("user_id"),
            key -> {
              throw new IllegalStateException("database gone");
            },
            r -> r[0],
            r -> List.of(r[0]),
            "");

    assertThatThrownBy(() -> csv(export))
        .isInstanceOf(IOException.class)
        .hasMessage("export users failed")
        .hasRootCauseMessage("database gone");
  }

  @Test
  void theAuditedKindLeavesTheInstantOutAndTheFileNameKeepsIt() {
    Export asOf =
        new Export(
            "access-2026-01-31T12:00:00Z",
            List.of("user_id"),
            key -> List.of(),
            r -> r[0],
            r -> List.of(),
            0L);
    Export changes =
        new Export(
            "access-changes", List.of("at"), key -> List.of(), r -> r[0], r -> List.of(), 0L);

    assertThat(asOf.kind()).isEqualTo("access");
    assertThat(asOf.fileName(ExportFormat.JSONL))
        .isEqualTo("gangway-access-2026-01-31T12-00-00Z.jsonl");
    assertThat(changes.kind()).isEqualTo("access-changes");
  }
}
