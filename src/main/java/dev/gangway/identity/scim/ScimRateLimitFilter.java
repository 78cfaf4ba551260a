package dev.gangway.identity.scim;

import dev.gangway.directory.CurrentDirectory;
import dev.gangway.platform.ops.Metrics;
import dev.gangway.platform.ops.ScimRateLimit;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Runs right after the directory is authenticated ({@link ScimAuthenticationFilter}): a directory
 * over its rate limit ({@link ScimRateLimit}) is answered 429 with {@code Retry-After} (whole
 * seconds, at least 1) and a SCIM Error body, before any work for the request. Other directories
 * are not affected. The refusal is counted in the directory's sync status and in {@code /metrics}.
 */
@ApplicationScoped
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION + 1)
public class ScimRateLimitFilter implements ContainerRequestFilter {
  private CurrentDirectory current;
  private ScimRateLimit limit;
  private Metrics metrics;

  protected ScimRateLimitFilter() {}

  @Inject
  ScimRateLimitFilter(CurrentDirectory current, ScimRateLimit limit, Metrics metrics) {
    this.current = current;
    this.limit = limit;
    this.metrics = metrics;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    var directory = current.find();
    if (directory.isEmpty()) return; // discovery: no directory, nothing to limit by
    long wait = limit.waitNanos(directory.get().value());
    if (wait == 0) return;
    long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
    metrics.scimRateLimited(directory.get().value());
    request.abortWith(
        Response.fromResponse(
                ScimErrors.response(
                    429,
                    null,
                    "this directory sent more requests than its rate limit allows; retry after "
                        + seconds
                        + " s"))
            .header("Retry-After", String.valueOf(seconds))
            .build());
  }
}
