package dev.gangway.reporting;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** CSV (with a header row) or JSON Lines; a writer of rows for one export. */
public enum ExportFormat {
  CSV("text/csv; charset=UTF-8", "csv"),
  JSONL("application/x-ndjson; charset=UTF-8", "jsonl");

  private final String mediaType;
  private final String extension;

  ExportFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }

  public static ExportFormat of(String name) {
    if (name == null || name.isBlank()) return CSV;
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid("format is csv or jsonl, not '" + name + "'");
    }
  }

  /** Writes rows of one export; close it to flush. */
  public interface RowWriter extends AutoCloseable {
    void row(List<?> values) throws IOException;

    @Override
    void close() throws IOException;
  }

  public RowWriter open(OutputStream out, List<String> columns) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    if (this == CSV) {
      CSVPrinter csv =
          new CSVPrinter(
              w, CSVFormat.RFC4180.builder().setHeader(columns.toArray(String[]::new)).get());
      return new RowWriter() {
        @Override
        public void row(List<?> values) throws IOException {
          csv.printRecord(values.stream().map(ExportFormat::cell).toList());
        }

        @Override
        public void close() throws IOException {
          csv.close(true);
        }
      };
    }
    JsonGenerator json = JsonMapper.get().getFactory().createGenerator(w);
    json.setRootValueSeparator(null);
    return new RowWriter() {
      @Override
      public void row(List<?> values) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
          Object v = values.get(i);
          json.writeFieldName(columns.get(i));
          if (v == null) json.writeNull();
          else if (v instanceof Number n) json.writeNumber(n.toString());
          else if (v instanceof Boolean b) json.writeBoolean(b);
          else json.writeString(v.toString());
        }
        json.writeEndObject();
        json.writeRaw('\n');
      }

      @Override
      public void close() throws IOException {
        json.close();
      }
    };
  }

  /**
   * A CSV cell that a spreadsheet will not run: text starting with {@code = + - @}, a tab or a
   * carriage return gets a leading apostrophe (OWASP's advice against formula injection).
   */
  static String cell(Object value) {
    if (value == null) return "";
    String s = value instanceof Instant i ? i.toString() : value.toString();
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) return "'" + s;
    return s;
  }
}
