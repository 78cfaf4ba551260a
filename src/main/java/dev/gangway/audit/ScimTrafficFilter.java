package dev.gangway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.directory.CurrentDirectory;
import dev.gangway.directory.DirectoryId;
import dev.gangway.platform.json.JsonMapper;
import dev.gangway.platform.ops.Metrics;
import dev.gangway.platform.ops.RefusalLog;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Watches every SCIM request of an authenticated directory: counts it for the directory's sync
 * status (in this node's memory: {@link SyncRecorder}), keeps the scimType and detail of an error
 * answer, and writes one structured log line for every write and every error: directory, method,
 * path, status, duration — no bodies, no tokens, no query strings (filters carry personal data).
 * Requests refused without an authenticated directory are only counted, in one summary line a
 * minute ({@link dev.gangway.platform.ops.RefusalLog}).
 */
@WebFilter(urlPatterns = "/scim/*")
public class ScimTrafficFilter extends HttpFilter {
  private static final Logger LOG = Logger.getLogger("dev.gangway.scim.requests");
  private static final int ERROR_BODY_LIMIT = 4096;
  private static final RefusalLog UNAUTHENTICATED =
      new RefusalLog(
          LOG,
          "SCIM requests refused without a directory (no or invalid token, or refused discovery requests)",
          Duration.ofMinutes(1));

  @Inject CurrentDirectory current;
  @Inject SyncRecorder recorder;
  @Inject Metrics metrics;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long start = System.nanoTime();
    Capture capture = new Capture(response);
    try {
      chain.doFilter(request, capture);
    } finally {
      // recorded before the answer leaves, so that a status read after it already counts it
      long millis = (System.nanoTime() - start) / 1_000_000;
      Optional<DirectoryId> directory = current.find();
      int status = capture.getStatus();
      String method = request.getMethod();
      String path = request.getRequestURI();
      if (directory.isEmpty() && status >= 400) {
        UNAUTHENTICATED
            .refused(); // a summary line a minute at most: unauthenticated traffic cannot flood the
        // log
      } else if (!method.equals("GET") || status >= 400) {
        LOG.info(
            () ->
                "{\"event\":\"scim_request\",\"directory\":"
                    + directory.map(d -> String.valueOf(d.value())).orElse("null")
                    + ",\"method\":\""
                    + method
                    + "\",\"path\":"
                    + quote(path)
                    + ",\"status\":"
                    + status
                    + ",\"durationMs\":"
                    + millis
                    + "}");
      }
      metrics.scimRequest(Metrics.endpoint(path), method, status, Duration.ofMillis(millis));
      directory.ifPresent(d -> record(d, method, path, status, capture));
      capture.flushBuffer();
    }
  }

  private void record(DirectoryId d, String method, String path, int status, Capture capture) {
    String scimType = null;
    String detail = null;
    if (status >= 400) {
      try {
        JsonNode body = JsonMapper.get().readTree(capture.body());
        scimType = body.path("scimType").asText(null);
        detail = body.path("detail").asText(null);
      } catch (IOException | RuntimeException e) {
        detail = null; // not a SCIM error body; status says enough
      }
    }
    recorder.record(
        d.value(), method, path, status, scimType,
        detail); // in memory: no database write per request
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Passes the answer through and keeps the first bytes of an error body. */
  private static final class Capture extends HttpServletResponseWrapper {
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private ServletOutputStream out;
    private PrintWriter writer;

    Capture(HttpServletResponse response) {
      super(response);
    }

    byte[] body() {
      if (writer != null) writer.flush();
      return copy.toByteArray();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (out == null) {
        ServletOutputStream real = super.getOutputStream();
        out =
            new ServletOutputStream() {
              @Override
              public boolean isReady() {
                return real.isReady();
              }

              @Override
              public void setWriteListener(WriteListener l) {
                real.setWriteListener(l);
              }

              @Override
              public void write(int b) throws IOException {
                real.write(b);
                if (getStatus() >= 400 && copy.size() < ERROR_BODY_LIMIT) copy.write(b);
              }

              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                real.write(b, off, len);
                if (getStatus() >= 400 && copy.size() < ERROR_BODY_LIMIT) {
                  copy.write(b, off, Math.min(len, ERROR_BODY_LIMIT - copy.size()));
                }
              }

              @Override
              public void flush() throws IOException {
                real.flush();
              }
            };
      }
      return out;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (writer == null) {
        writer =
            new PrintWriter(
                new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8), true);
      }
      return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
      if (writer != null) writer.flush();
      super.flushBuffer();
    }
  }
}
