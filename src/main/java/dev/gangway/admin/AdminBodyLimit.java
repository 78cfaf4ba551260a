package dev.gangway.admin;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An admin API body may hold at most {@code gangway.admin.max-body-bytes} (64 KiB): a larger {@code
 * Content-Length} is answered 413 before anything is read, and a body sent without one (chunked) is
 * cut off with a 413 as soon as it passes the limit — never read whole into memory.
 */
@ApplicationScoped
@Provider
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public class AdminBodyLimit implements ContainerRequestFilter {
  private long maxBytes;

  protected AdminBodyLimit() {}

  @Inject
  AdminBodyLimit(
      @ConfigProperty(name = "gangway.admin.max-body-bytes", defaultValue = "65536")
          long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getLength() > maxBytes) {
      request.abortWith(tooLarge(maxBytes).getResponse());
      return;
    }
    if (request.hasEntity())
      request.setEntityStream(new Limited(request.getEntityStream(), maxBytes));
  }

  static WebApplicationException tooLarge(long max) {
    String detail = "an admin API request body may hold at most " + max + " bytes";
    return new WebApplicationException(
        detail, Problems.response(413, "Request too large", detail).build());
  }

  /** Counts what is read and fails with 413 past the limit. */
  private static final class Limited extends FilterInputStream {
    private final long max;
    private long read;

    Limited(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) count(1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) count(n);
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      count(s);
      return s;
    }

    private void count(long n) {
      read += n;
      if (read > max) throw tooLarge(max);
    }
  }
}
