package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gangway.identity.BatchReads;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.errors.DomainException.Kind;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.directory.scim.protocol.Constants;
import org.apache.directory.scim.protocol.ErrorMessageType;

/**
 * {@code POST /Bulk} (RFC 7644 §3.7): each operation runs the steps of {@link ScimUsers} or {@link
 * ScimGroups} as a single request would, atomically — a failed operation applies nothing and leaves
 * the ones before it applied. Consecutive operations share one commit while they all succeed (see
 * {@link #batched}); a batch with a failure is rolled back and its operations run one transaction
 * each. {@code bulkId:<id>} references in an operation's path and data are replaced by the id the
 * POST with that {@code bulkId} created; an operation runs after the operations it references
 * (otherwise in request order). {@code failOnErrors} stops processing after that many errors. The
 * answer lists every processed operation in request order, its status as a string, and a SCIM error
 * body for each failure. A request over the limits (bytes, operations) is answered 413 before any
 * operation runs.
 */
@Path("Bulk")
@RequestScoped
@Produces({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
public class ScimBulk {
  static final String REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
  static final String RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
  private static final String PREFIX = "bulkId:";

  /** A reference inside a PATCH path filter: {@code members[value eq "bulkId:x"]}. */
  private static final Pattern QUOTED_REFERENCE = Pattern.compile("\"bulkId:([^\"]+)\"");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Operations committed together when all of them succeed (see {@link #batched}). */
  static final int BATCH = 50;

  private ScimUsers users;
  private ScimGroups groups;
  @Resource private UserTransaction transaction;

  protected ScimBulk() {}

  @Inject
  ScimBulk(ScimUsers users, ScimGroups groups) {
    this.users = users;
    this.groups = groups;
  }

  /** One operation of the request, with the bulkIds it references. */
  private record Operation(int index, JsonNode source, String bulkId, Set<String> references) {}

  @POST
  @Consumes({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
  public Response bulk(
      InputStream body,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
      @Context UriInfo uri) {
    ScimLimits limits = ScimLimits.get();
    ObjectNode doc =
        ScimBody.read(
            body,
            length,
            limits.bulkMaxPayload(),
            limits.jsonMaxDepth(),
            "a bulk request may hold at most "
                + limits.bulkMaxPayload()
                + " bytes (maxPayloadSize)");
    return process(doc, ScimAnswer.baseUri(uri));
  }

  /**
   * Runs a bulk request already read within its byte limit: the rest of the checks, then the
   * operations. {@code baseUri} is where the SCIM API is served ({@code …/scim/v2}), for the {@code
   * location} of each result.
   */
  public Response process(ObjectNode doc, String baseUri) {
    ScimLimits limits = ScimLimits.get();
    if (!doc.path("Operations").isArray()) {
      return ScimErrors.response(
          400,
          ErrorMessageType.INVALID_SYNTAX,
          "a bulk request is an object with \"schemas\": [\""
              + REQUEST
              + "\"] and \"Operations\": [...]");
    }
    if (doc.get("Operations").size() > limits.bulkMaxOperations()) {
      return ScimErrors.response(
          413,
          null,
          "a bulk request may hold at most "
              + limits.bulkMaxOperations()
              + " operations (maxOperations)");
    }
    if (!mentions(doc.path("schemas"), REQUEST)) {
      return ScimErrors.response(
          400, ErrorMessageType.INVALID_VALUE, "\"schemas\" must name " + REQUEST);
    }
    JsonNode fail = doc.get("failOnErrors");
    int failOnErrors =
        Integer.MAX_VALUE; // RFC 7644 §3.7.3: without it, as many changes as possible
    if (fail != null && !fail.isNull()) {
      if (!fail.canConvertToInt() || !fail.isIntegralNumber() || fail.asInt() < 1) {
        return ScimErrors.response(
            400, ErrorMessageType.INVALID_VALUE, "failOnErrors must be an integer of at least 1");
      }
      failOnErrors = fail.asInt();
    }

    List<Operation> operations = new ArrayList<>();
    Map<String, Integer> definedBy = new HashMap<>();
    for (JsonNode source : doc.get("Operations")) {
      String bulkId = source.path("bulkId").isTextual() ? source.get("bulkId").asText() : null;
      Set<String> refs = new LinkedHashSet<>();
      String path = source.path("path").asText("");
      if (path.contains("/" + PREFIX))
        refs.add(path.substring(path.indexOf("/" + PREFIX) + 1 + PREFIX.length()));
      references(source.path("data"), false, refs);
      Operation op = new Operation(operations.size(), source, bulkId, refs);
      operations.add(op);
      if (bulkId != null && "POST".equalsIgnoreCase(source.path("method").asText())) {
        definedBy.putIfAbsent(bulkId, op.index());
      }
    }

    Order order = new Order(operations, definedBy);
    ObjectNode[] results = new ObjectNode[operations.size()];
    Map<String, String> created = new HashMap<>();
    int limit = failOnErrors;
    // configuration reads are shared by all operations of the request
    BatchReads.during(
        () -> {
          List<Integer> sequence = order.sequence;
          int errors = 0;
          int next = 0;
          while (next < sequence.size() && errors < limit) {
            int end = next;
            while (end < sequence.size()
                && end - next < BATCH
                && !order.circular.contains(sequence.get(end))) end++;
            if (end - next >= 2
                && batched(
                    baseUri,
                    sequence.subList(next, end),
                    operations,
                    definedBy,
                    created,
                    results)) {
              next = end;
              continue;
            }
            // one transaction per operation: a circular one, a lone one, or a batch in which one
            // failed
            for (int stop = Math.max(end, next + 1); next < stop && errors < limit; next++) {
              int i = sequence.get(next);
              Operation op = operations.get(i);
              ObjectNode result =
                  order.circular.contains(i)
                      ? failed(
                          op,
                          null,
                          new DomainException(
                              Kind.CONFLICT,
                              "the bulkId references of this operation are circular; send them in separate requests"))
                      : run(baseUri, op, definedBy, created);
              results[i] = result;
              if (result.path("status").asInt() >= 400)
                errors++; // RFC 7644 §3.7.3: failOnErrors stops here
            }
          }
          return null;
        });

    ObjectNode out = JSON.objectNode();
    out.putArray("schemas").add(RESPONSE);
    ArrayNode list = out.putArray("Operations");
    for (ObjectNode r : results) if (r != null) list.add(r);
    return Response.ok(out).build();
  }

  /**
   * Runs consecutive operations in one transaction and commits them together: one commit (and its
   * log flush) for up to {@link #BATCH} operations instead of one each. All must succeed; when one
   * fails — or the commit does (a deadlock, a certification conflict) — the whole batch is rolled
   * back, nothing of it stays, and the caller runs the same operations again one transaction each,
   * so every operation's outcome is exactly what it would be on its own: a failed operation applies
   * nothing and the ones before it stay applied.
   */
  private boolean batched(
      String baseUri,
      List<Integer> indices,
      List<Operation> operations,
      Map<String, Integer> definedBy,
      Map<String, String> created,
      ObjectNode[] results) {
    Map<String, String> tentative = new HashMap<>(created);
    ObjectNode[] out = new ObjectNode[indices.size()];
    try {
      transaction.begin();
      for (int k = 0; k < indices.size(); k++) {
        out[k] = run(baseUri, operations.get(indices.get(k)), definedBy, tentative);
        if (out[k].path("status").asInt() >= 400) {
          transaction.rollback();
          return false;
        }
      }
      transaction.commit();
    } catch (Exception e) {
      try {
        if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) transaction.rollback();
      } catch (Exception ignored) {
        // the transaction is gone either way; the operations run again one by one
      }
      return false;
    }
    for (int k = 0; k < indices.size(); k++) results[indices.get(k)] = out[k];
    created.putAll(tentative);
    return true;
  }

  /**
   * Runs one operation in its own transaction (each call to {@link ScimUsers} or {@link ScimGroups}
   * is one use case call).
   */
  private ObjectNode run(
      String baseUri, Operation op, Map<String, Integer> definedBy, Map<String, String> created) {
    JsonNode source = op.source();
    String method = source.path("method").asText("").toUpperCase(Locale.ROOT);
    String location = null;
    try {
      if (!List.of("POST", "PUT", "PATCH", "DELETE").contains(method)) {
        throw DomainException.invalid(
            "method must be POST, PUT, PATCH or DELETE, not '"
                + source.path("method").asText()
                + "'");
      }
      if (method.equals("POST")
          && op.bulkId() != null
          && definedBy.get(op.bulkId()) != op.index()) {
        throw DomainException.invalid(
            "bulkId '"
                + op.bulkId()
                + "' is used by an earlier POST; a bulkId is unique in a request");
      }
      Target target = target(source.path("path"), method, created);
      location = target.id() == null ? null : baseUri + target.type() + "/" + target.id();
      JsonNode data = resolve(source.get("data"), created);
      Long expectedVersion =
          source.path("version").isTextual()
              ? ScimMeta.parseEtag(source.get("version").asText())
              : null;
      ObjectNode doc;
      int status;
      switch (method) {
        case "POST" -> {
          if (op.bulkId() == null || op.bulkId().isBlank())
            throw DomainException.invalid("a POST needs a bulkId");
          doc =
              target.users()
                  ? users.create(baseUri, object(data))
                  : groups.create(baseUri, object(data), false);
          created.put(op.bulkId(), doc.path("id").asText());
          status = 201;
        }
        case "PUT" -> {
          doc =
              target.users()
                  ? users.replace(baseUri, target.id(), expectedVersion, object(data))
                  : groups.replace(baseUri, target.id(), expectedVersion, object(data), false);
          status = 200;
        }
        case "PATCH" -> {
          List<JsonPatch.Operation> ops = JsonPatch.operations(object(data));
          doc =
              target.users()
                  ? users.patch(baseUri, target.id(), expectedVersion, ops)
                  : groups.patch(baseUri, target.id(), expectedVersion, ops, false);
          status = 200;
        }
        case "DELETE" -> {
          if (target.users()) users.delete(target.id(), expectedVersion);
          else groups.delete(target.id(), expectedVersion);
          doc = null;
          status = 204;
        }
        default -> throw new IllegalStateException(method);
      }
      ObjectNode result = result(op, method);
      if (doc != null) {
        result.put("location", doc.path("meta").path("location").asText(location));
        String version = doc.path("meta").path("version").asText(null);
        if (version != null) result.put("version", version);
      } else {
        result.put("location", location);
      }
      result.put("status", String.valueOf(status));
      return result;
    } catch (RuntimeException e) {
      return failed(op, location, e);
    }
  }

  private ObjectNode failed(Operation op, String location, RuntimeException e) {
    Response error = ScimErrors.of(e);
    ObjectNode result = result(op, op.source().path("method").asText("").toUpperCase(Locale.ROOT));
    if (location != null) result.put("location", location);
    result.put("status", String.valueOf(error.getStatus()));
    result.set("response", (JsonNode) error.getEntity());
    return result;
  }

  private static ObjectNode result(Operation op, String method) {
    ObjectNode r = JSON.objectNode();
    r.put("method", method);
    if (op.bulkId() != null) r.put("bulkId", op.bulkId());
    return r;
  }

  /** The resource endpoint and id an operation's path names. */
  private record Target(String type, String id) {
    boolean users() {
      return type.equals("Users");
    }
  }

  private static Target target(JsonNode path, String method, Map<String, String> created) {
    if (!path.isTextual() || path.asText().isBlank()) {
      throw new DomainException(
          Kind.INVALID_PATH,
          "an operation needs a path: /Users, /Groups, /Users/{id} or /Groups/{id}");
    }
    // exactly as written: "/Users/{id} " names no resource (ids compare exactly)
    String p = path.asText();
    String[] parts = (p.startsWith("/") ? p.substring(1) : p).split("/", -1);
    String type =
        parts[0].equalsIgnoreCase("Users")
            ? "Users"
            : parts[0].equalsIgnoreCase("Groups") ? "Groups" : null;
    if (type == null || parts.length > 2 || parts.length == 2 && parts[1].isBlank()) {
      throw new DomainException(
          Kind.INVALID_PATH,
          "path '" + path.asText() + "' is not /Users, /Groups, /Users/{id} or /Groups/{id}");
    }
    String id = parts.length == 2 ? parts[1] : null;
    if (id != null && id.startsWith(PREFIX)) id = idOf(id.substring(PREFIX.length()), created);
    if (method.equals("POST") && id != null) {
      throw new DomainException(
          Kind.INVALID_PATH, "a POST names the endpoint (/Users or /Groups), not a resource");
    }
    if (!method.equals("POST") && id == null) {
      throw new DomainException(
          Kind.INVALID_PATH, "a " + method + " names a resource: /" + type + "/{id}");
    }
    return new Target(type, id);
  }

  private static ObjectNode object(JsonNode data) {
    if (data instanceof ObjectNode o) return o;
    throw new ScimErrors.Refusal(
        ErrorMessageType.INVALID_SYNTAX, "\"data\" must be the resource (or PatchOp) object");
  }

  /**
   * The bulkIds operation data references: a whole string {@code "bulkId:x"} (a member's value),
   * and quoted references inside PATCH paths ({@code members[value eq "bulkId:x"]}).
   */
  private static void references(JsonNode node, boolean isPathField, Set<String> out) {
    if (node == null) return;
    if (node.isTextual()) {
      String s = node.asText();
      if (s.startsWith(PREFIX)) out.add(s.substring(PREFIX.length()));
      if (isPathField) {
        Matcher m = QUOTED_REFERENCE.matcher(s);
        while (m.find()) out.add(m.group(1));
      }
      return;
    }
    if (node.isObject())
      node.fields().forEachRemaining(f -> references(f.getValue(), f.getKey().equals("path"), out));
    else if (node.isArray()) node.forEach(e -> references(e, false, out));
  }

  /**
   * A copy of operation data with every reference replaced by the id created for it. A reference to
   * a bulkId no successful POST of this request created is 409 Conflict: RFC 7644 §3.7.1 names 409
   * for references it cannot resolve (circular ones), and a missing or failed target is the same
   * conflict with the request's state — not a malformed operation (400).
   */
  private static JsonNode resolve(JsonNode node, Map<String, String> created) {
    if (node == null) return null;
    if (node.isTextual()) {
      String s = node.asText();
      return s.startsWith(PREFIX)
          ? TextNode.valueOf(idOf(s.substring(PREFIX.length()), created))
          : node;
    }
    if (node.isObject()) {
      ObjectNode out = JSON.objectNode();
      node.fields()
          .forEachRemaining(
              f ->
                  out.set(
                      f.getKey(),
                      f.getKey().equals("path") && f.getValue().isTextual()
                          ? TextNode.valueOf(resolveQuoted(f.getValue().asText(), created))
                          : resolve(f.getValue(), created)));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JSON.arrayNode();
      node.forEach(e -> out.add(resolve(e, created)));
      return out;
    }
    return node;
  }

  private static String resolveQuoted(String path, Map<String, String> created) {
    Matcher m = QUOTED_REFERENCE.matcher(path);
    StringBuilder out = new StringBuilder();
    while (m.find())
      m.appendReplacement(out, Matcher.quoteReplacement("\"" + idOf(m.group(1), created) + "\""));
    m.appendTail(out);
    return out.toString();
  }

  private static String idOf(String bulkId, Map<String, String> created) {
    String id = created.get(bulkId);
    if (id == null) {
      throw new DomainException(
          Kind.CONFLICT,
          "bulkId:"
              + bulkId
              + " cannot be resolved: no successful POST in this request has that bulkId");
    }
    return id;
  }

  private static boolean mentions(JsonNode schemas, String urn) {
    if (schemas.isTextual()) return schemas.asText().equalsIgnoreCase(urn);
    for (JsonNode s : schemas) if (s.asText().equalsIgnoreCase(urn)) return true;
    return false;
  }

  /**
   * The order operations run in: each after the POSTs whose bulkIds it references, otherwise in
   * request order; operations on a cycle of references are noted (they fail with 409).
   */
  private static final class Order {
    final List<Integer> sequence = new ArrayList<>();
    final Set<Integer> circular = new LinkedHashSet<>();
    private final List<Operation> operations;
    private final Map<String, Integer> definedBy;
    private final int[] state; // 0 unseen, 1 on the path being visited, 2 done
    private final List<Integer> path = new ArrayList<>();

    Order(List<Operation> operations, Map<String, Integer> definedBy) {
      this.operations = operations;
      this.definedBy = definedBy;
      this.state = new int[operations.size()];
      for (int i = 0; i < operations.size(); i++) visit(i);
    }

    private void visit(int i) {
      if (state[i] == 2) return;
      if (state[i] == 1) { // a cycle: every operation from i to the end of the path is on it
        circular.addAll(path.subList(path.indexOf(i), path.size()));
        return;
      }
      state[i] = 1;
      path.add(i);
      for (String ref : operations.get(i).references()) {
        Integer j = definedBy.get(ref);
        if (j != null) visit(j);
      }
      path.remove(path.size() - 1);
      state[i] = 2;
      sequence.add(i);
    }
  }
}
