package dev.gangway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.platform.json.JsonMapper;
import java.time.Instant;

/**
 * An audit record as the log answers it: what happened, to what, by whom and why, its details as
 * JSON, its hash and the block that seals it (null until sealed); never its salt nor its MAC.
 */
public record AuditEntry(
    long seq,
    Instant at,
    String actor,
    String action,
    String targetType,
    String targetId,
    JsonNode detail,
    String cause,
    String hash,
    Long block) {
  static AuditEntry of(AuditRecord r) {
    try {
      return new AuditEntry(
          r.seq(),
          r.at(),
          r.actor(),
          r.action(),
          r.targetType(),
          r.targetId(),
          JsonMapper.get().readTree(r.detail()),
          r.cause(),
          r.hash(),
          r.block());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit detail is not JSON", e);
    }
  }
}
