package dev.gangway.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.platform.errors.DomainException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportFormatTest {

  @Test
  void cellsThatASpreadsheetWouldRunAreDefused() {
    for (String s : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
      assertThat(ExportFormat.cell(s)).isEqualTo("'" + s);
    }
    assertThat(ExportFormat.cell("alice@example.com")).isEqualTo("alice@example.com");
    assertThat(ExportFormat.cell(null)).isEmpty();
    assertThat(ExportFormat.cell(Instant.parse("2026-01-01T00:00:00Z")))
        .isEqualTo("2026-01-01T00:00:00Z");
  }

  @Test
  void csvHasAHeaderAndQuotesWhatNeedsIt() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ExportFormat.RowWriter w = ExportFormat.CSV.open(out, List.of("a", "b"))) {
      w.row(Arrays.asList("x,y", null));
      w.row(Arrays.asList("say \"hi\"", "=cmd"));
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("a,b\r\n\"x,y\",\r\n\"say \"\"hi\"\"\",'=cmd\r\n");
  }

  @Test
  void jsonLinesAreOneObjectPerLineWithTypedValues() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ExportFormat.RowWriter w = ExportFormat.JSONL.open(out, List.of("n", "ok", "s"))) {
      w.row(Arrays.asList(3L, true, "=x"));
      w.row(Arrays.asList(null, false, "y"));
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("{\"n\":3,\"ok\":true,\"s\":\"=x\"}\n{\"n\":null,\"ok\":false,\"s\":\"y\"}\n");
  }

  @Test
  void onlyCsvAndJsonLinesAreFormats() {
    assertThat(ExportFormat.of(null)).isEqualTo(ExportFormat.CSV);
    assertThat(ExportFormat.of("JSONL")).isEqualTo(ExportFormat.JSONL);
    assertThatThrownBy(() -> ExportFormat.of("xml")).isInstanceOf(DomainException.class);
  }
}
