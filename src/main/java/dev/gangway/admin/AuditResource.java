package dev.gangway.admin;

import dev.gangway.audit.AuditLog;
import dev.gangway.audit.AuditRecord;
import dev.gangway.platform.errors.DomainException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** {@code /admin/api/audit}: the audit log, its verification and pruning. */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuditResource {
  @Inject AuditLog log;

  public record RecordView(long seq, Instant at, String actor, String action, String targetType, String targetId,
                           com.fasterxml.jackson.databind.JsonNode detail, String cause, String hash) {
    static RecordView of(AuditRecord r) {
      try {
        return new RecordView(r.seq(), r.at(), r.actor(), r.action(), r.targetType(), r.targetId(),
            dev.gangway.platform.json.JsonMapper.get().readTree(r.detail()), r.cause(), r.hash());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("audit detail is not JSON", e);
      }
    }
  }

  @GET
  public List<RecordView> list(@QueryParam("from") String from, @QueryParam("to") String to,
                               @QueryParam("actor") String actor, @QueryParam("targetType") String targetType,
                               @QueryParam("targetId") String targetId,
                               @QueryParam("after") @DefaultValue("0") long after,
                               @QueryParam("limit") @DefaultValue("100") int limit) {
    Instant f = AccessResource.instant("from", from);
    Instant t = AccessResource.instant("to", to);
    return log.list(f == null ? Instant.EPOCH : f, t == null ? Instant.parse("9999-12-31T00:00:00Z") : t,
        actor, targetType, targetId, after, Admin.limit(limit)).stream().map(RecordView::of).toList();
  }

  /** {"valid":true,"entries":N}, or where the chain breaks. */
  @GET @Path("verify")
  public AuditLog.Verification verify() { return log.verify(); }

  public record Prune(String olderThan) {}

  public record Pruned(long removed) {}

  @POST @Path("prune")
  public Pruned prune(Prune body) {
    Admin.require(body, "{\"olderThan\": instant}");
    Instant t = AccessResource.instant("olderThan", body.olderThan());
    if (t == null) throw DomainException.invalid("olderThan is required");
    return new Pruned(log.prune(t));
  }
}
