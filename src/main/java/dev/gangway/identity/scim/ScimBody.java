package dev.gangway.identity.scim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.directory.scim.protocol.ErrorMessageType;

/**
 * The body of a SCIM request, read once, by the resource that takes it: at most the endpoint's
 * limit (counted while reading, so an oversized body is never held whole: 413), one JSON object and
 * nothing after it, valid UTF-8 without lone surrogates, nested no deeper than the limit, no key
 * twice. Anything else is a SCIM error (400 {@code invalidSyntax}) before the request is looked at
 * further.
 */
final class ScimBody {
  private ScimBody() {}

  /** A resource, PatchOp or SearchRequest body, within {@link ScimLimits#maxBodyBytes()}. */
  static ObjectNode read(InputStream in, String contentLength) {
    ScimLimits limits = ScimLimits.get();
    return read(in, contentLength, limits.maxBodyBytes(), limits.jsonMaxDepth(), null);
  }

  /**
   * The request body as an object, read from {@code in} within {@code limit} bytes.
   *
   * @param contentLength the request's {@code Content-Length} header, or null
   * @param tooLargeMessage the detail of a 413, or null for the general one
   * @throws ScimErrors.Answered with 413 for a body over the limit, 400 {@code invalidSyntax} for
   *     one that is no JSON object
   */
  static ObjectNode read(
      InputStream in, String contentLength, int limit, int maxDepth, String tooLargeMessage) {
    String tooLarge =
        tooLargeMessage != null
            ? tooLargeMessage
            : "a request body may hold at most " + limit + " bytes";
    if (contentLength != null) {
      try {
        if (Long.parseLong(contentLength.strip()) > limit) throw refuse(413, null, tooLarge);
      } catch (NumberFormatException e) {
        throw refuse(400, ErrorMessageType.INVALID_SYNTAX, "Content-Length is not a number");
      }
    }
    byte[] bytes;
    try (in) {
      bytes = in == null ? new byte[0] : in.readNBytes(limit + 1);
    } catch (IOException e) {
      throw refuse(400, ErrorMessageType.INVALID_SYNTAX, "the request body could not be read");
    }
    if (bytes.length > limit) throw refuse(413, null, tooLarge);
    Object parsed = parse(bytes, maxDepth);
    if (parsed instanceof String problem)
      throw refuse(400, ErrorMessageType.INVALID_SYNTAX, problem);
    return (ObjectNode) parsed;
  }

  /** The body as an object, or what is wrong with it. */
  static Object parse(byte[] bytes, int maxDepth) {
    if (isBlank(bytes)) return "the request needs a body: a JSON object";
    String invalid = invalidUtf8(bytes);
    if (invalid != null) return invalid;
    JsonNode doc;
    try {
      doc = mapper(maxDepth).readTree(bytes);
    } catch (StreamConstraintsException e) {
      return "the request body nests JSON deeper than " + maxDepth + " levels";
    } catch (IOException e) {
      return "the request body is not valid JSON: " + firstLine(e);
    }
    if (!(doc instanceof ObjectNode o)) {
      return "the request body must be a JSON object, not "
          + (doc == null ? "nothing" : doc.getNodeType().name().toLowerCase());
    }
    String bad = unpairedSurrogate(o);
    if (bad != null)
      return "the request body holds text that is not valid Unicode (a lone surrogate) in " + bad;
    return o;
  }

  private static final Map<Integer, ObjectMapper> MAPPERS = new ConcurrentHashMap<>();

  private static ObjectMapper mapper(int maxDepth) {
    return MAPPERS.computeIfAbsent(
        maxDepth,
        d -> {
          JsonFactory factory =
              JsonFactory.builder()
                  .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(d).build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build();
          return new ObjectMapper(factory)
              .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .disable(JsonParser.Feature.ALLOW_COMMENTS);
        });
  }

  /**
   * Jackson decodes some invalid UTF-8 (overlong forms such as C0 AF for "/") without complaint;
   * the JDK's decoder, told to report, refuses every malformed or out-of-range sequence.
   */
  private static String invalidUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return null;
    } catch (CharacterCodingException e) {
      return "the request body is not valid UTF-8";
    }
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) if (b != ' ' && b != '\t' && b != '\n' && b != '\r') return false;
    return true;
  }

  /** Jackson's message without its source excerpt: the first line, at most 200 characters. */
  private static String firstLine(IOException e) {
    String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    if (m == null) return "unreadable";
    int nl = m.indexOf('\n');
    if (nl >= 0) m = m.substring(0, nl);
    return m.length() > 200 ? m.substring(0, 200) + "…" : m;
  }

  /** The name of the first field whose name or text holds an unpaired UTF-16 surrogate, or null. */
  static String unpairedSurrogate(JsonNode node) {
    return unpaired(node, "the document");
  }

  private static String unpaired(JsonNode node, String where) {
    if (node.isTextual()) return validUnicode(node.textValue()) ? null : where;
    if (node.isArray()) {
      for (JsonNode e : node) {
        String bad = unpaired(e, where);
        if (bad != null) return bad;
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (!validUnicode(f.getKey())) return "a field name";
        String key = f.getKey().length() > 100 ? f.getKey().substring(0, 100) + "…" : f.getKey();
        String bad = unpaired(f.getValue(), "\"" + key + "\"");
        if (bad != null) return bad;
      }
    }
    return null;
  }

  static boolean validUnicode(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) return false;
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static ScimErrors.Answered refuse(int status, ErrorMessageType type, String detail) {
    Response r = ScimErrors.response(status, type, detail);
    // the rest of an oversized body is not read: the connection cannot carry another request
    return new ScimErrors.Answered(
        status == 413 ? Response.fromResponse(r).header("Connection", "close").build() : r);
  }
}
