package dev.gangway.admin;

import dev.gangway.audit.AuditEntry;
import dev.gangway.audit.AuditLog;
import dev.gangway.audit.AuditRetention;
import dev.gangway.audit.AuditSealer;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.signin.Role;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** {@code /admin/api/audit}: the audit log, its seals, their verification, and pruning. */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuditResource {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private AuditLog log;
  private AuditSealer sealer;
  private Clock clock;
  private AuditRetention retention;

  protected AuditResource() {}

  @Inject
  AuditResource(AuditLog log, AuditSealer sealer, Clock clock, AuditRetention retention) {
    this.log = log;
    this.sealer = sealer;
    this.clock = clock;
    this.retention = retention;
  }

  @GET
  public List<AuditEntry> list(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("actor") String actor,
      @QueryParam("targetType") String targetType,
      @QueryParam("targetId") String targetId,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    Instant f = AccessResource.instant("from", from);
    Instant t = AccessResource.instant("to", to);
    return log.list(
        f == null ? Instant.EPOCH : f,
        t == null ? Instant.parse("9999-12-31T00:00:00Z") : t,
        actor,
        targetType,
        targetId,
        after,
        Admin.limit(limit));
  }

  /**
   * {"valid":true,"entries":N,…} with the sealing lag, or where the log breaks. Seals what is
   * committed first; with {@code ?seal=<hash>} also checks a seal copied earlier.
   */
  @GET
  @Path("verify")
  public Object verify(@QueryParam("seal") String seal) {
    sealer.trySealNow();
    if (seal == null) return log.verify();
    return log.checkSeal(null, hex("seal", seal), null);
  }

  /**
   * A seal as {@code GET /audit/seal} gave it: {"block","hash","hmac"?}; its other fields may come
   * along.
   */
  public record CopiedSeal(
      Long block,
      String hash,
      String hmac,
      Long sealedThrough,
      String at,
      Integer records,
      String keyId) {}

  /** Checks a seal copied earlier: {"result":"matches"|"differs"|"pruned"|"unknown",…}. */
  @POST
  @MinimumRole(Role.AUDITOR)
  @Path("verify")
  public AuditLog.SealCheck checkSeal(CopiedSeal body) {
    Admin.require(body, "{\"block\": number, \"hash\": hex, \"hmac\": hex}");
    sealer.trySealNow();
    return log.checkSeal(
        body.block(),
        hex("hash", body.hash()),
        body.hmac() == null ? null : hex("hmac", body.hmac()));
  }

  /**
   * The newest seal, to copy out: {"block","hash","hmac","sealedThrough","at",…}; 404 before the
   * first.
   */
  @GET
  @Path("seal")
  public AuditLog.Seal seal() {
    sealer.trySealNow();
    return log.latestSeal().orElseThrow(() -> DomainException.notFound("nothing is sealed yet"));
  }

  /** How far sealing is behind, without sealing: for monitoring. */
  public record LagView(
      long unsealed, Long oldestUnsealedSeconds, Long lastBlock, Instant lastSealedAt) {}

  @GET
  @Path("lag")
  public LagView lag() {
    AuditLog.Lag lag = log.lag();
    var seal = log.latestSeal();
    return new LagView(
        lag.unsealed(),
        lag.oldest() == null
            ? null
            : Math.max(0, Duration.between(lag.oldest(), clock.instant()).toSeconds()),
        seal.map(AuditLog.Seal::block).orElse(null),
        seal.map(AuditLog.Seal::at).orElse(null));
  }

  public record Prune(String olderThan) {}

  /**
   * What a pruning removed, and the anchor the kept chain starts from (block 0: nothing was ever
   * pruned).
   */
  public record Pruned(long removed, long anchorBlock, String anchorHash, Instant prunedBefore) {}

  /**
   * Removes sealed records older than {@code olderThan}, which may not be younger than the
   * retention ({@code GANGWAY_AUDIT_RETENTION_DAYS}): a later cut-off is refused (400), and with
   * retention off nothing can be pruned (409). Every accepted request is audited.
   */
  @POST
  @Path("prune")
  public Pruned prune(Prune body) {
    Admin.require(body, "{\"olderThan\": instant}");
    long removed = retention.pruneRequested(AccessResource.instant("olderThan", body.olderThan()));
    AuditLog.Anchor a = log.anchor();
    return new Pruned(removed, a.block(), a.hash(), a.prunedBefore());
  }

  private static String hex(String name, String value) {
    if (value == null || !HEX64.matcher(value.strip().toLowerCase(Locale.ROOT)).matches()) {
      throw DomainException.invalid(name + " must be 64 hexadecimal digits");
    }
    return value.strip().toLowerCase(Locale.ROOT);
  }
}
