package dev.gangway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What an attacker or a sloppy client sends, family by family, against the packaged WAR: every
 * answer is a SCIM Error (RFC 7644 §3.12) with the right status and {@code scimType}, never a 5xx,
 * HTML or a Java name, it comes at once, and nothing changes — a sentinel user and group keep their
 * version and the directory's totals stay the same.
 */
class HostileScimInputIT {
  private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
  private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  private static final String BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
  private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** Every hostile request is answered within this (a filter or body limit: well under it). */
  private static final long BOUND_MS = 2_000;

  private static Api.Directory directory;
  private static String userId;
  private static String groupId;
  private static String userBefore;
  private static String groupBefore;
  private static long usersBefore;
  private static long groupsBefore;

  @BeforeAll
  static void sentinels() throws Exception {
    directory = Api.newDirectory("generic");
    userId = Api.createUser(directory, "sentinel." + Api.uniqueUserName());
    groupId = Api.createGroup(directory, Api.uniqueName("Sentinels"));
    Answer added =
        send(
            "PATCH",
            "/Groups/" + groupId,
            Api.patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + userId
                    + "\"}]}"));
    assertThat(added.status()).isIn(200, 204);
    userBefore = send("GET", "/Users/" + userId, (String) null).body();
    groupBefore = send("GET", "/Groups/" + groupId, (String) null).body();
    usersBefore = total("/Users");
    groupsBefore = total("/Groups");
  }

  // ---------------------------------------------------------------- families

  @TestFactory
  Stream<DynamicTest> malformedAndTruncatedJson() {
    String user =
        "{\"schemas\":[\""
            + USER
            + "\"],\"userName\":\""
            + Api.uniqueUserName()
            + "\",\"name\":{\"givenName\":\"A\"}}";
    List<Case> cases = new ArrayList<>();
    for (int cut = 1; cut < user.length(); cut += Math.max(1, user.length() / 15)) {
      cases.add(Case.syntax("POST /Users cut at " + cut, "POST", "/Users", user.substring(0, cut)));
    }
    String patch = Api.patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"changed\"}");
    for (int cut = 1; cut < patch.length(); cut += Math.max(1, patch.length() / 10)) {
      cases.add(
          Case.syntax(
              "PATCH sentinel cut at " + cut,
              "PATCH",
              "/Users/" + userId,
              patch.substring(0, cut)));
    }
    for (String garbage :
        List.of(
            "",
            " ",
            "null",
            "[]",
            "\"text\"",
            "42",
            "true",
            "{",
            "}",
            "{,}",
            "{\"a\":}",
            "{'single':'quotes'}",
            "{\"a\":1,}",
            "{\"a\":NaN}",
            "{/*c*/\"a\":1}",
            "\u0000",
            "<html></html>",
            "{\"a\":1}}")) {
      cases.add(Case.syntax("POST /Users " + printable(garbage), "POST", "/Users", garbage));
      cases.add(
          Case.syntax("PUT sentinel " + printable(garbage), "PUT", "/Users/" + userId, garbage));
      cases.add(
          Case.syntax(
              "PATCH sentinel group " + printable(garbage),
              "PATCH",
              "/Groups/" + groupId,
              garbage));
      cases.add(Case.syntax("POST /Bulk " + printable(garbage), "POST", "/Bulk", garbage));
    }
    String replaced =
        "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + Api.uniqueUserName() + "\"}";
    cases.add(
        Case.syntax(
            "PUT sentinel with trailing garbage",
            "PUT",
            "/Users/" + userId,
            replaced + " trailing"));
    cases.add(
        Case.syntax(
            "PUT sentinel followed by a second document",
            "PUT",
            "/Users/" + userId,
            replaced + replaced));
    cases.add(
        Case.syntax(
            "PATCH sentinel with trailing garbage", "PATCH", "/Users/" + userId, patch + "]"));
    cases.add(
        Case.syntax(
            "PUT sentinel with a key twice",
            "PUT",
            "/Users/" + userId,
            "{\"schemas\":[\""
                + USER
                + "\"],\"userName\":\"a@x.example\",\"userName\":\"b@x.example\"}"));
    return run(cases);
  }

  @TestFactory
  Stream<DynamicTest> wrongTypes() {
    List<Case> cases = new ArrayList<>();
    Map<String, List<String>> wrong =
        Map.of(
            "userName", List.of("42", "true", "[\"a@x.example\"]", "{\"value\":\"a\"}"),
            "active", List.of("\"perhaps\"", "3", "[]", "{}"),
            "emails",
                List.of(
                    "\"a@x.example\"",
                    "3",
                    "[3]",
                    "[{\"value\":3}]",
                    "[{\"primary\":\"maybe\",\"value\":\"a@x\"}]"),
            "name", List.of("\"Ann\"", "[1]", "{\"givenName\":7}"),
            "externalId", List.of("7", "[\"x\"]", "{}"),
            "displayName", List.of("[]", "{}", "1.5"),
            "schemas", List.of("\"" + USER + "\"", "[3]", "{}", "null"));
    wrong.forEach(
        (attribute, values) -> {
          for (String value : values) {
            String doc =
                "{\"schemas\":[\""
                    + USER
                    + "\"],\"userName\":\""
                    + Api.uniqueUserName()
                    + "\",\""
                    + attribute
                    + "\":"
                    + value
                    + "}";
            if (attribute.equals("schemas"))
              doc = "{\"userName\":\"" + Api.uniqueUserName() + "\",\"schemas\":" + value + "}";
            cases.add(
                Case.refused(
                    "POST /Users " + attribute + "=" + value,
                    "POST",
                    "/Users",
                    doc,
                    400,
                    Set.of("invalidValue", "invalidSyntax")));
            cases.add(
                Case.refused(
                    "PUT sentinel " + attribute + "=" + value,
                    "PUT",
                    "/Users/" + userId,
                    doc,
                    400,
                    Set.of("invalidValue", "invalidSyntax")));
          }
        });
    for (String schemas :
        List.of(
            "[\"" + GROUP + "\"]",
            "[\"urn:example:unknown\"]",
            "[\"" + USER + "\",\"urn:example:unknown\"]",
            "[\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"]",
            "[]")) {
      cases.add(
          Case.refused(
              "POST /Users schemas " + schemas,
              "POST",
              "/Users",
              "{\"schemas\":" + schemas + ",\"userName\":\"" + Api.uniqueUserName() + "\"}",
              400,
              Set.of("invalidValue", "invalidSyntax")));
    }
    cases.add(
        Case.refused(
            "POST /Groups with the User schema",
            "POST",
            "/Groups",
            "{\"schemas\":[\"" + USER + "\"],\"displayName\":\"" + Api.uniqueName("G") + "\"}",
            400,
            Set.of("invalidValue")));
    cases.add(
        Case.refused(
            "POST /Groups members a string",
            "POST",
            "/Groups",
            "{\"schemas\":[\""
                + GROUP
                + "\"],\"displayName\":\""
                + Api.uniqueName("G")
                + "\",\"members\":\""
                + userId
                + "\"}",
            400,
            Set.of("invalidValue", "invalidSyntax")));
    for (String padded : List.of(" ", "\\t", "\u00a0", "\u2003", "\\u2028")) {
      cases.add(
          Case.refused(
              "POST /Users userName padded with U+" + printable(padded),
              "POST",
              "/Users",
              "{\"schemas\":[\""
                  + USER
                  + "\"],\"userName\":\""
                  + Api.uniqueUserName()
                  + padded
                  + "\"}",
              400,
              Set.of("invalidValue")));
      cases.add(
          Case.refused(
              "POST /Groups displayName padded with U+" + printable(padded),
              "POST",
              "/Groups",
              "{\"schemas\":[\""
                  + GROUP
                  + "\"],\"displayName\":\""
                  + padded
                  + Api.uniqueName("G")
                  + "\"}",
              400,
              Set.of("invalidValue")));
    }
    return run(cases);
  }

  @TestFactory
  Stream<DynamicTest> invalidUnicode() {
    List<Case> cases = new ArrayList<>();
    for (String escape : List.of("\\ud800", "\\udfff", "\\udc00\\ud800", "a\\ud83d", "\\ud83dx")) {
      cases.add(
          Case.syntax(
              "userName with " + escape,
              "POST",
              "/Users",
              "{\"schemas\":[\""
                  + USER
                  + "\"],\"userName\":\""
                  + Api.uniqueUserName()
                  + escape
                  + "\"}"));
      cases.add(
          Case.syntax(
              "field name with " + escape,
              "POST",
              "/Users",
              "{\"schemas\":[\""
                  + USER
                  + "\"],\"userName\":\""
                  + Api.uniqueUserName()
                  + "\",\"x"
                  + escape
                  + "\":1}"));
      cases.add(
          Case.syntax(
              "PATCH sentinel value with " + escape,
              "PATCH",
              "/Users/" + userId,
              Api.patch(
                  "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"x" + escape + "\"}")));
      cases.add(
          Case.syntax(
              "PATCH sentinel group name with " + escape,
              "PATCH",
              "/Groups/" + groupId,
              Api.patch(
                  "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"x" + escape + "\"}")));
    }
    int[][] invalidUtf8 = {
      {0xff},
      {0xfe},
      {0xc0, 0xaf},
      {0xc1, 0xbf},
      {0xed, 0xa0, 0x80},
      {0xe2, 0x82},
      {0xf4, 0x90, 0x80, 0x80},
      {0x80},
      {0xf0, 0x9f, 0x98}
    };
    for (int[] seq : invalidUtf8) {
      byte[] bad = new byte[seq.length];
      for (int i = 0; i < seq.length; i++) bad[i] = (byte) seq[i];
      String label = "invalid UTF-8 " + hex(bad);
      cases.add(
          Case.syntax(
              label + " in userName",
              "POST",
              "/Users",
              concat(
                  "{\"schemas\":[\"" + USER + "\"],\"userName\":\"x",
                  bad,
                  Api.uniqueUserName() + "\"}")));
      cases.add(
          Case.syntax(
              label + " in PUT sentinel",
              "PUT",
              "/Users/" + userId,
              concat("{\"schemas\":[\"" + USER + "\"],\"userName\":\"x", bad, "@x.example\"}")));
    }
    return run(cases);
  }

  @TestFactory
  Stream<DynamicTest> hugeAndDeepDocuments() {
    List<Case> cases = new ArrayList<>();
    String big =
        "{\"schemas\":[\""
            + USER
            + "\"],\"userName\":\""
            + Api.uniqueUserName()
            + "\",\"title\":\"%s\"}";
    cases.add(
        Case.status(
            "POST /Users of 1.1 MB", "POST", "/Users", big.formatted("a".repeat(1_100_000)), 413));
    cases.add(
        Case.status(
            "PUT sentinel of 1.1 MB",
            "PUT",
            "/Users/" + userId,
            big.formatted("a".repeat(1_100_000)),
            413));
    cases.add(
        Case.status(
            "PATCH sentinel group of 2 MB",
            "PATCH",
            "/Groups/" + groupId,
            Api.patch(
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\""
                    + "g".repeat(2_000_000)
                    + "\"}"),
            413));
    cases.add(
        new Case(
            "POST /Users of 30 MB, streamed without Content-Length",
            "POST",
            "/Users",
            null,
            413,
            null,
            5_000,
            () ->
                new ByteArrayInputStream(
                    big.formatted("a".repeat(30_000_000)).getBytes(StandardCharsets.UTF_8))));
    for (int depth : new int[] {40, 1_000, 10_000}) {
      cases.add(
          Case.syntax(
              "POST /Users arrays " + depth + " deep",
              "POST",
              "/Users",
              "{\"schemas\":[\""
                  + USER
                  + "\"],\"userName\":\""
                  + Api.uniqueUserName()
                  + "\",\"x\":"
                  + "[".repeat(depth)
                  + "]".repeat(depth)
                  + "}"));
      cases.add(
          Case.syntax(
              "PATCH sentinel value objects " + depth + " deep",
              "PATCH",
              "/Users/" + userId,
              Api.patch(
                  "{\"op\":\"replace\",\"path\":\"title\",\"value\":"
                      + "{\"a\":".repeat(depth)
                      + "1"
                      + "}".repeat(depth)
                      + "}")));
    }
    // values longer than their columns: refused, never a database error
    String longText = "l".repeat(300);
    cases.add(
        Case.refused(
            "POST /Users userName of 300 characters",
            "POST",
            "/Users",
            "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + longText + "@x.example\"}",
            400,
            Set.of("invalidValue")));
    for (String attribute :
        List.of("title", "externalId", "displayName", "nickName", "userType", "locale")) {
      cases.add(
          Case.refused(
              "PUT sentinel " + attribute + " of 300 characters",
              "PUT",
              "/Users/" + userId,
              "{\"schemas\":[\""
                  + USER
                  + "\"],\"userName\":\"a@x.example\",\""
                  + attribute
                  + "\":\""
                  + longText
                  + "\"}",
              400,
              Set.of("invalidValue")));
    }
    cases.add(
        Case.refused(
            "PATCH sentinel name.givenName of 300 characters",
            "PATCH",
            "/Users/" + userId,
            Api.patch(
                "{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\"" + longText + "\"}"),
            400,
            Set.of("invalidValue")));
    cases.add(
        Case.refused(
            "PATCH sentinel group displayName of 300 characters",
            "PATCH",
            "/Groups/" + groupId,
            Api.patch(
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"" + longText + "\"}"),
            400,
            Set.of("invalidValue")));
    cases.add(
        Case.refused(
            "POST /Groups externalId of 300 characters",
            "POST",
            "/Groups",
            "{\"schemas\":[\""
                + GROUP
                + "\"],\"displayName\":\""
                + Api.uniqueName("L")
                + "\",\"externalId\":\""
                + longText
                + "\"}",
            400,
            Set.of("invalidValue")));
    String manyEmails = String.join(",", Collections.nCopies(20_000, "{\"value\":3}"));
    cases.add(
        Case.refused(
            "PUT sentinel with 20,000 wrongly typed emails",
            "PUT",
            "/Users/" + userId,
            "{\"schemas\":[\""
                + USER
                + "\"],\"userName\":\"a@x.example\",\"emails\":["
                + manyEmails
                + "]}",
            400,
            Set.of("invalidValue", "invalidSyntax")));
    return run(cases);
  }

  @TestFactory
  Stream<DynamicTest> adversarialFilters() {
    List<Case> cases = new ArrayList<>();
    String quoted7000 = "\"" + "a".repeat(7000) + "\"";
    // unauthenticated: discovery endpoints take no filter (403), whatever its length
    cases.add(
        new Case(
                "unauthenticated /Schemas with a 7,000-character filter",
                "GET",
                "/Schemas?filter=" + encode(quoted7000),
                null,
                403,
                null,
                1_000,
                null)
            .anonymous());
    cases.add(
        new Case(
                "unauthenticated /Users with a 7,000-character filter",
                "GET",
                "/Users?filter=" + encode(quoted7000),
                null,
                401,
                null,
                1_000,
                null)
            .anonymous());
    cases.add(Case.filter("7,000 quoted characters", quoted7000));
    cases.add(Case.filter("7,000 unquoted characters", "userName eq " + "a".repeat(7000)));
    cases.add(Case.filter("4,200 characters of ' eq '", " eq".repeat(1400)));
    cases.add(Case.filter("unterminated quote", "userName eq \"" + "a".repeat(5000)));
    cases.add(Case.filter("dangling and", "userName eq \"a\" and"));
    cases.add(Case.filter("unclosed value filter", "emails[type eq \"work\""));
    cases.add(Case.filter("NUL characters", "userName eq \"a\u0000\" or \u0000"));
    cases.add(Case.filter("unknown operator", "userName zz \"a\""));
    cases.add(Case.filter("unknown attribute", "noSuchAttribute eq \"a\""));
    // over the limits, through /.search: no URL could carry them
    List<String[]> searches =
        List.of(
            new String[] {"20,000 characters", "userName eq \"" + "a".repeat(20_000) + "\""},
            new String[] {"100,000 characters", "userName eq " + "a".repeat(100_000)},
            new String[] {
              "parentheses 1,200 deep", "(".repeat(1200) + "userName eq \"a\"" + ")".repeat(1200)
            },
            new String[] {
              "parentheses 3,000 deep", "(".repeat(3000) + "userName eq \"a\"" + ")".repeat(3000)
            },
            new String[] {
              "not( 3,000 deep", "not(".repeat(3000) + "userName eq \"a\"" + ")".repeat(3000)
            },
            new String[] {
              "brackets 3,000 deep", "emails[".repeat(3000) + "value eq \"a\"" + "]".repeat(3000)
            },
            new String[] {
              "500 terms", String.join(" or ", Collections.nCopies(500, "userName eq \"a\""))
            },
            new String[] {
              "5,000 terms", String.join(" and ", Collections.nCopies(5000, "title pr"))
            });
    for (String[] s : searches) {
      String body =
          "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"filter\":"
              + quote(s[1])
              + "}";
      cases.add(
          Case.refused(
                  "POST /Users/.search " + s[0],
                  "POST",
                  "/Users/.search",
                  body,
                  400,
                  Set.of("invalidFilter"))
              .within(1_000));
      cases.add(
          Case.refused(
                  "POST /.search " + s[0], "POST", "/.search", body, 400, Set.of("invalidFilter"))
              .within(1_000));
    }
    cases.add(
        Case.syntax(
            "POST /Users/.search without the SearchRequest schema",
            "POST",
            "/Users/.search",
            "{\"filter\":\"userName pr\"}"));
    cases.add(
        Case.syntax(
            "POST /.search with the PatchOp schema",
            "POST",
            "/.search",
            "{\"schemas\":[\"" + PATCH_OP + "\"],\"filter\":\"userName pr\"}"));
    cases.add(
        Case.refused(
                "GET /Users parentheses 1,000 deep",
                "GET",
                "/Users?filter="
                    + encode("(".repeat(1000) + "userName eq \"a\"" + ")".repeat(1000)),
                null,
                400,
                Set.of("invalidFilter"))
            .within(1_000));
    return run(cases);
  }

  @TestFactory
  Stream<DynamicTest> pathTricks() {
    List<Case> cases = new ArrayList<>();
    String ops1001 =
        bulk(
            Collections.nCopies(
                1001, "{\"method\":\"DELETE\",\"path\":\"/Users/" + userId + "\"}"));
    String bulk1100k =
        "{\"schemas\":[\""
            + BULK
            + "\"],\"Operations\":[{\"method\":\"DELETE\",\"path\":\"/Users/"
            + userId
            + "\",\"padding\":\""
            + "p".repeat(1_100_000)
            + "\"}]}";
    for (String spelling :
        List.of(
            "/Bulk",
            "/Bulk;a=b",
            "/Bulk/",
            "//Bulk",
            "/B%75lk",
            "/Bulk;a=b/",
            "/bulk",
            "/BULK;x")) {
      cases.add(
          Case.status("1,001 operations to " + spelling, "POST", spelling, ops1001, 413, 404));
      cases.add(Case.status("1.1 MB to " + spelling, "POST", spelling, bulk1100k, 413, 404));
    }
    String big =
        "{\"schemas\":[\""
            + USER
            + "\"],\"userName\":\""
            + Api.uniqueUserName()
            + "\",\"title\":\""
            + "t".repeat(1_100_000)
            + "\"}";
    for (String spelling : List.of("/Users;a=b", "/Users/", "//Users", "/U%73ers", "/Users;x/")) {
      cases.add(Case.status("1.1 MB POST to " + spelling, "POST", spelling, big, 413, 404));
    }
    for (String suffix : List.of("%20", "%09", "%0A", "%C2%A0", "%E2%80%83", "+", "x", "%20%20")) {
      cases.add(
          Case.status("GET /Users/{id}" + suffix, "GET", "/Users/" + userId + suffix, null, 404));
      cases.add(
          Case.status(
              "GET /Groups/{id}" + suffix, "GET", "/Groups/" + groupId + suffix, null, 404));
    }
    // a NUL in the path is refused by the HTTP layer before the application
    cases.add(
        Case.status("GET /Users/{id}%00", "GET", "/Users/" + userId + "%00", null, 404, 400)
            .bareAllowed());
    cases.add(
        Case.status(
            "GET /Users/{ID in capitals}",
            "GET",
            "/Users/" + userId.toUpperCase(Locale.ROOT),
            null,
            404));
    cases.add(
        Case.status("DELETE /Users/{id}%20", "DELETE", "/Users/" + userId + "%20", null, 404));
    cases.add(
        Case.status("DELETE /Groups/{id}%20", "DELETE", "/Groups/" + groupId + "%20", null, 404));
    cases.add(
        Case.status(
            "PUT /Users/{id}%20",
            "PUT",
            "/Users/" + userId + "%20",
            "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + Api.uniqueUserName() + "\"}",
            404));
    cases.add(Case.status("GET /NoSuchEndpoint", "GET", "/NoSuchEndpoint", null, 404));
    cases.add(Case.status("DELETE /Users (no id)", "DELETE", "/Users", null, 405));
    return run(cases);
  }

  @TestFactory
  Stream<DynamicTest> headerAbuse() {
    List<Case> cases = new ArrayList<>();
    String valid = "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + Api.uniqueUserName() + "\"}";
    cases.add(
        Case.status("a bearer token of 6,000 characters", "GET", "/Users", null, 401)
            .header("Authorization", "Bearer " + "t".repeat(6000))
            .anonymous());
    cases.add(
        Case.status("Basic instead of Bearer", "GET", "/Users", null, 401)
            .header("Authorization", "Basic dXNlcjpwYXNz")
            .anonymous());
    cases.add(
        Case.status("a stale If-Match on PUT", "PUT", "/Users/" + userId, valid, 412)
            .header("If-Match", "W/\"999\""));
    cases.add(
        Case.status(
                "a nonsense If-Match on PATCH",
                "PATCH",
                "/Users/" + userId,
                Api.patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}"),
                412)
            .header("If-Match", "\"<script>\""));
    cases.add(
        Case.status("text/html body", "POST", "/Users", valid, 415)
            .header("Content-Type", "text/html"));
    cases.add(
        Case.status("X-HTTP-Method-Override: DELETE on a GET", "GET", "/Users/" + userId, null, 200)
            .header("X-HTTP-Method-Override", "DELETE"));
    cases.add(
        Case.status(
                "Accept: text/html on an error", "GET", "/Users/" + userId + "x", null, 404, 406)
            .header("Accept", "text/html"));
    // a request line or header block over Payara's buffer is refused by the HTTP layer itself
    cases.add(
        Case.status("a header of 100,000 characters", "GET", "/Users", null, 400, 413, 431)
            .header("X-Filler", "f".repeat(100_000))
            .bareAllowed());
    cases.add(
        Case.status(
                "a URL of 20,000 characters",
                "GET",
                "/Users?filter=" + "a".repeat(20_000),
                null,
                400,
                413,
                414)
            .bareAllowed());
    return run(cases);
  }

  @TestFactory
  Stream<DynamicTest> patchAbuse() {
    List<Case> cases = new ArrayList<>();
    String op = "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"changed\"}";
    for (String target : List.of("/Users/" + userId, "/Groups/" + groupId)) {
      cases.add(
          Case.syntax("no schemas " + target, "PATCH", target, "{\"Operations\":[" + op + "]}"));
      cases.add(
          Case.syntax(
              "resource schema " + target,
              "PATCH",
              target,
              "{\"schemas\":[\""
                  + (target.startsWith("/Users") ? USER : GROUP)
                  + "\"],\"Operations\":["
                  + op
                  + "]}"));
      cases.add(
          Case.syntax(
              "schemas a string " + target,
              "PATCH",
              target,
              "{\"schemas\":\"" + PATCH_OP + "\",\"Operations\":[" + op + "]}"));
      for (String ops :
          List.of(
              "null",
              "[]",
              "[null]",
              "[1]",
              "\"replace\"",
              "{}",
              "[[]]",
              "[{}]",
              "[{\"op\":3}]",
              "[" + op + ",null]")) {
        cases.add(
            Case.syntax(
                "Operations " + ops + " " + target,
                "PATCH",
                target,
                "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":" + ops + "}"));
      }
      cases.add(
          Case.refused(
              "path a number " + target,
              "PATCH",
              target,
              Api.patch("{\"op\":\"replace\",\"path\":5,\"value\":\"x\"}"),
              400,
              null));
      cases.add(
          Case.refused(
              "path an object " + target,
              "PATCH",
              target,
              Api.patch("{\"op\":\"replace\",\"path\":{\"a\":1},\"value\":\"x\"}"),
              400,
              null));
      cases.add(
          Case.syntax(
              "op a list " + target,
              "PATCH",
              target,
              Api.patch("{\"op\":[\"replace\"],\"path\":\"title\"}")));
      cases.add(
          Case.refused(
              "path-less replace with a list " + target,
              "PATCH",
              target,
              Api.patch("{\"op\":\"replace\",\"value\":[1,2]}"),
              400,
              null));
      cases.add(
          Case.refused(
              "path-less replace of id " + target,
              "PATCH",
              target,
              Api.patch("{\"op\":\"replace\",\"value\":{\"id\":\"other\"}}"),
              400,
              null,
              200,
              204));
      cases.add(
          Case.syntax(
              "no Operations " + target, "PATCH", target, "{\"schemas\":[\"" + PATCH_OP + "\"]}"));
      cases.add(
          Case.refused(
              "op explode " + target,
              "PATCH",
              target,
              Api.patch("{\"op\":\"explode\",\"path\":\"displayName\",\"value\":\"x\"}"),
              400,
              null));
      cases.add(
          Case.refused(
                  "path of 20,000 characters " + target,
                  "PATCH",
                  target,
                  Api.patch(
                      "{\"op\":\"replace\",\"path\":\""
                          + "a".repeat(20_000)
                          + "\",\"value\":\"x\"}"),
                  400,
                  Set.of("invalidPath", "invalidFilter"))
              .within(1_000));
      cases.add(
          Case.refused(
                  "path filter 3,000 deep " + target,
                  "PATCH",
                  target,
                  Api.patch(
                      "{\"op\":\"remove\",\"path\":\"members["
                          + "(".repeat(3000)
                          + "value eq \\\"x\\\""
                          + ")".repeat(3000)
                          + "]\"}"),
                  400,
                  Set.of("invalidPath", "invalidFilter"))
              .within(1_000));
      cases.add(
          Case.refused(
                  "path filter with 500 terms " + target,
                  "PATCH",
                  target,
                  Api.patch(
                      "{\"op\":\"remove\",\"path\":\"members["
                          + String.join(" or ", Collections.nCopies(500, "value eq \\\"x\\\""))
                          + "]\"}"),
                  400,
                  Set.of("invalidPath", "invalidFilter"))
              .within(1_000));
      cases.add(
          Case.refused(
              "replace id " + target,
              "PATCH",
              target,
              Api.patch("{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}"),
              400,
              Set.of("mutability", "invalidPath", "invalidValue")));
      cases.add(
          Case.refused(
              "unknown path " + target,
              "PATCH",
              target,
              Api.patch("{\"op\":\"replace\",\"path\":\"no.such.attribute\",\"value\":\"x\"}"),
              400,
              Set.of("invalidPath", "noTarget")));
      cases.add(
          Case.refused(
              "valid op then a bad one " + target,
              "PATCH",
              target,
              Api.patch(op, "{\"op\":\"replace\",\"path\":\"no.such\",\"value\":\"x\"}"),
              400,
              null));
    }
    cases.add(
        Case.refused(
            "userName padded by PATCH",
            "PATCH",
            "/Users/" + userId,
            Api.patch("{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"padded@x.example \"}"),
            400,
            Set.of("invalidValue")));
    cases.add(
        Case.refused(
            "userName null by PATCH",
            "PATCH",
            "/Users/" + userId,
            Api.patch("{\"op\":\"replace\",\"path\":\"userName\",\"value\":null}"),
            400,
            null));
    cases.add(
        Case.refused(
            "members of another directory",
            "PATCH",
            "/Groups/" + groupId,
            Api.patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"00000000-0000-0000-0000-000000000000\"}]}"),
            400,
            null,
            404));
    return run(cases);
  }

  @TestFactory
  Stream<DynamicTest> bulkAbuse() {
    List<Case> cases = new ArrayList<>();
    cases.add(
        Case.status(
            "1,001 operations",
            "POST",
            "/Bulk",
            bulk(
                Collections.nCopies(
                    1001, "{\"method\":\"DELETE\",\"path\":\"/Users/" + userId + "\"}")),
            413));
    cases.add(
        Case.syntax(
            "Operations not a list",
            "POST",
            "/Bulk",
            "{\"schemas\":[\"" + BULK + "\"],\"Operations\":{}}"));
    cases.add(
        Case.refused(
            "no BulkRequest schema",
            "POST",
            "/Bulk",
            "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[]}",
            400,
            Set.of("invalidValue")));
    cases.add(
        Case.refused(
            "failOnErrors -1",
            "POST",
            "/Bulk",
            "{\"schemas\":[\"" + BULK + "\"],\"failOnErrors\":-1,\"Operations\":[]}",
            400,
            Set.of("invalidValue")));
    cases.add(
        Case.syntax(
            "1,000 nested arrays in data",
            "POST",
            "/Bulk",
            bulk(
                List.of(
                    "{\"method\":\"PUT\",\"path\":\"/Users/"
                        + userId
                        + "\",\"data\":"
                        + "[".repeat(1000)
                        + "]".repeat(1000)
                        + "}"))));
    // per-operation failures: 200 with each operation's SCIM error, and nothing applied
    List<String> badOps =
        List.of(
            "null",
            "1",
            "{}",
            "{\"method\":\"EXPLODE\",\"path\":\"/Users\"}",
            "{\"method\":\"DELETE\",\"path\":\"/Users/" + userId + "%20\"}",
            "{\"method\":\"DELETE\",\"path\":\"/Users/" + userId + " \"}",
            "{\"method\":\"PUT\",\"path\":\"/Users/"
                + userId
                + "\",\"data\":{\"userName\":\"x@x.example\"}}",
            "{\"method\":\"PUT\",\"path\":\"/Users/"
                + userId
                + "\",\"data\":{\"schemas\":[\""
                + GROUP
                + "\"],\"userName\":\"x@x.example\"}}",
            "{\"method\":\"PATCH\",\"path\":\"/Users/"
                + userId
                + "\",\"data\":{\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}]}}",
            "{\"method\":\"PATCH\",\"path\":\"/Groups/"
                + groupId
                + "\",\"data\":{\"schemas\":[\""
                + PATCH_OP
                + "\"],\"Operations\":[null]}}",
            "{\"method\":\"PATCH\",\"path\":\"/Users/" + userId + "\",\"data\":\"text\"}",
            "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"a\",\"data\":{\"schemas\":[\""
                + USER
                + "\"],\"userName\":\" padded@x.example\"}}",
            "{\"method\":\"POST\",\"path\":\"/Groups\",\"bulkId\":\"b\",\"data\":{\"schemas\":[\"urn:example:x\"],\"displayName\":\"x\"}}",
            "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"c\",\"data\":{\"schemas\":[\""
                + USER
                + "\"],\"userName\":\"bulkId:c\"}}",
            "{\"method\":\"PATCH\",\"path\":\"/Users/bulkId:nowhere\",\"data\":{\"schemas\":[\""
                + PATCH_OP
                + "\"],\"Operations\":[]}}");
    for (String op : badOps) {
      cases.add(
          new Case(
                  "operation " + printable(op.length() > 90 ? op.substring(0, 90) : op),
                  "POST",
                  "/Bulk",
                  bulk(List.of(op)),
                  200,
                  null,
                  BOUND_MS,
                  null)
              .eachOperationFails());
    }
    return run(cases);
  }

  // ---------------------------------------------------------------- checks

  @Test
  void paddedOrDifferentlySpacedIdentifiersFindNothing() throws Exception {
    String userName = JSON.readTree(userBefore).path("userName").asText();
    for (String probe :
        List.of(userName + " ", " " + userName, userName + "\t", userName + "\u00a0")) {
      Answer a =
          send("GET", "/Users?filter=" + encode("userName eq " + quote(probe)), (String) null);
      assertThat(a.status()).isEqualTo(200);
      assertThat(JSON.readTree(a.body()).path("totalResults").asInt())
          .as(printable(probe))
          .isZero();
    }
    String displayName = JSON.readTree(groupBefore).path("displayName").asText();
    Answer g =
        send(
            "GET",
            "/Groups?filter=" + encode("displayName eq " + quote(displayName + " ")),
            (String) null);
    assertThat(JSON.readTree(g.body()).path("totalResults").asInt()).isZero();
    Answer exact =
        send("GET", "/Users?filter=" + encode("userName eq " + quote(userName)), (String) null);
    assertThat(JSON.readTree(exact.body()).path("totalResults").asInt()).isEqualTo(1);
  }

  @Test
  void locationIsTheResourcesOwnUrlOnEveryAnswerThatCarriesIt() throws Exception {
    Api.Directory d = Api.newDirectory("okta");
    String base = Suite.get().baseUri() + "/scim/v2";
    Answer created = send(d, "POST", "/Users", Api.user(Api.uniqueUserName()));
    String id = JSON.readTree(created.body()).path("id").asText();
    assertLocation(created, base + "/Users/" + id);
    assertLocation(send(d, "GET", "/Users/" + id, (String) null), base + "/Users/" + id);
    assertLocation(
        send(d, "PUT", "/Users/" + id, Api.user(Api.uniqueUserName())), base + "/Users/" + id);
    assertLocation(
        send(
            d,
            "PATCH",
            "/Users/" + id,
            Api.patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"t\"}")),
        base + "/Users/" + id);
    String group = "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"%s\"}";
    Answer g = send(d, "POST", "/Groups", group.formatted(Api.uniqueName("Loc")));
    String gid = JSON.readTree(g.body()).path("id").asText();
    assertLocation(g, base + "/Groups/" + gid);
    assertLocation(send(d, "GET", "/Groups/" + gid, (String) null), base + "/Groups/" + gid);
    assertLocation(
        send(d, "PUT", "/Groups/" + gid, group.formatted(Api.uniqueName("Loc"))),
        base + "/Groups/" + gid);
    Answer patched =
        send(
            d,
            "PATCH",
            "/Groups/" + gid,
            Api.patch(
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\""
                    + Api.uniqueName("Loc")
                    + "\"}"));
    assertThat(patched.status()).isEqualTo(204);
    assertThat(patched.headers().firstValue("Location")).hasValue(base + "/Groups/" + gid);
  }

  private static void assertLocation(Answer a, String expected) throws IOException {
    assertThat(a.status()).isIn(200, 201);
    assertThat(a.headers().firstValue("Location")).as("Location").hasValue(expected);
    assertThat(JSON.readTree(a.body()).path("meta").path("location").asText()).isEqualTo(expected);
  }

  @Test
  void theContainersOwnAnswersUnderScimAreScimErrors() throws Exception {
    for (String path : List.of("/scim/nope", "/scim/v3/Users", "/scim/")) {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(Suite.get().baseUri() + path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .as(path)
          .startsWith("application/scim+json");
      assertScimError(JSON.readTree(r.body()), 404, null, r.body());
    }
  }

  @Test
  void theLimitsAreAdvertised() throws Exception {
    JsonNode config = JSON.readTree(send("GET", "/ServiceProviderConfig", (String) null).body());
    assertThat(config.path("bulk").path("maxOperations").asInt()).isEqualTo(1000);
    assertThat(config.path("bulk").path("maxPayloadSize").asInt()).isEqualTo(1_048_576);
    assertThat(config.path("filter").path("maxResults").asInt()).isEqualTo(200);
    Answer page = send("GET", "/Users?count=100000", (String) null);
    assertThat(JSON.readTree(page.body()).path("itemsPerPage").asInt()).isLessThanOrEqualTo(200);
  }

  @Test
  void theIdpDialectsStayAccepted() throws Exception {
    Api.Directory d = Api.newDirectory("entra");
    String userName = Api.uniqueUserName();
    // Okta: a body without Content-Type is SCIM JSON
    Answer created =
        send(
            d,
            "POST",
            "/Users",
            Api.user(userName).getBytes(StandardCharsets.UTF_8),
            Map.of(),
            false);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = JSON.readTree(created.body()).path("id").asText();
    // Entra: unquoted values, capitalised operators
    Answer found =
        send(d, "GET", "/Users?filter=" + encode("userName Eq " + userName), (String) null);
    assertThat(JSON.readTree(found.body()).path("totalResults").asInt()).isEqualTo(1);
    Answer byId =
        send(
            d,
            "GET",
            "/Users?filter=" + encode("id eq " + id + " and userName EQ " + userName),
            (String) null);
    assertThat(JSON.readTree(byId.body()).path("totalResults").asInt()).isEqualTo(1);
    // Entra's extra group schema
    Answer group =
        send(
            d,
            "POST",
            "/Groups",
            "{\"schemas\":[\""
                + GROUP
                + "\",\"http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group\"],\"displayName\":\""
                + Api.uniqueName("E")
                + "\"}");
    assertThat(group.status()).isEqualTo(201);
  }

  // ---------------------------------------------------------------- machinery

  private Stream<DynamicTest> run(List<Case> cases) {
    return Stream.concat(
        cases.stream().map(c -> dynamicTest(c.name(), c::check)),
        Stream.of(dynamicTest("nothing changed", HostileScimInputIT::nothingChanged)));
  }

  private static void nothingChanged() throws Exception {
    assertThat(send("GET", "/Users/" + userId, (String) null).body()).isEqualTo(userBefore);
    assertThat(send("GET", "/Groups/" + groupId, (String) null).body()).isEqualTo(groupBefore);
    assertThat(total("/Users")).isEqualTo(usersBefore);
    assertThat(total("/Groups")).isEqualTo(groupsBefore);
  }

  private static long total(String endpoint) throws Exception {
    return JSON.readTree(send("GET", endpoint + "?count=0", (String) null).body())
        .path("totalResults")
        .asLong();
  }

  /** One hostile request and what its answer must be. */
  private record Case(
      String name,
      String method,
      String path,
      Object body,
      int status,
      Set<String> scimTypes,
      long boundMs,
      Supplier<InputStream> stream,
      Map<String, String> headers,
      boolean anonymousCall,
      boolean bare,
      boolean operationsFail,
      Set<Integer> alternatives) {
    Case(
        String name,
        String method,
        String path,
        Object body,
        int status,
        Set<String> scimTypes,
        long boundMs,
        Supplier<InputStream> stream) {
      this(
          name, method, path, body, status, scimTypes, boundMs, stream, Map.of(), false, false,
          false, Set.of());
    }

    static Case syntax(String name, String method, String path, Object body) {
      return new Case(name, method, path, body, 400, Set.of("invalidSyntax"), BOUND_MS, null);
    }

    static Case refused(
        String name,
        String method,
        String path,
        Object body,
        int status,
        Set<String> types,
        Integer... others) {
      return new Case(name, method, path, body, status, types, BOUND_MS, null).or(others);
    }

    static Case status(
        String name, String method, String path, Object body, int status, Integer... others) {
      return new Case(name, method, path, body, status, null, BOUND_MS, null).or(others);
    }

    static Case filter(String name, String filter) {
      return new Case(
              "GET /Users filter: " + name,
              "GET",
              "/Users?filter=" + encode(filter),
              null,
              400,
              Set.of("invalidFilter"),
              1_000,
              null)
          .or(200);
    }

    Case or(Integer... others) {
      return new Case(
          name,
          method,
          path,
          body,
          status,
          scimTypes,
          boundMs,
          stream,
          headers,
          anonymousCall,
          bare,
          operationsFail,
          Set.of(others));
    }

    Case within(long ms) {
      return new Case(
          name,
          method,
          path,
          body,
          status,
          scimTypes,
          ms,
          stream,
          headers,
          anonymousCall,
          bare,
          operationsFail,
          alternatives);
    }

    Case header(String name, String value) {
      Map<String, String> h = new HashMap<>(headers);
      h.put(name, value);
      return new Case(
          this.name,
          method,
          path,
          body,
          status,
          scimTypes,
          boundMs,
          stream,
          Map.copyOf(h),
          anonymousCall,
          bare,
          operationsFail,
          alternatives);
    }

    Case anonymous() {
      return new Case(
          name,
          method,
          path,
          body,
          status,
          scimTypes,
          boundMs,
          stream,
          headers,
          true,
          bare,
          operationsFail,
          alternatives);
    }

    /** The HTTP layer may refuse before the application: an empty body is allowed, HTML never. */
    Case bareAllowed() {
      return new Case(
          name,
          method,
          path,
          body,
          status,
          scimTypes,
          boundMs,
          stream,
          headers,
          anonymousCall,
          true,
          operationsFail,
          alternatives);
    }

    Case eachOperationFails() {
      return new Case(
          name,
          method,
          path,
          body,
          status,
          scimTypes,
          boundMs,
          stream,
          headers,
          anonymousCall,
          bare,
          true,
          alternatives);
    }

    void check() throws Exception {
      long start = System.nanoTime();
      Answer a = sendCase(this);
      long ms = (System.nanoTime() - start) / 1_000_000;
      String text = a.body() == null ? "" : a.body();
      String shown = text.length() > 300 ? text.substring(0, 300) + "…" : text;
      assertThat(a.status()).as("status of %s: %s", name, shown).isLessThan(500);
      if (!alternatives.contains(a.status()))
        assertThat(a.status()).as("status of %s: %s", name, shown).isEqualTo(status);
      assertThat(ms).as("milliseconds to answer %s", name).isLessThan(boundMs);
      assertThat(text)
          .as("body of %s", name)
          .doesNotContainIgnoringCase("<html")
          .doesNotContain("java.")
          .doesNotContain("org.")
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
      if (operationsFail) {
        JsonNode ops = JSON.readTree(text).path("Operations");
        assertThat(ops.size()).as(shown).isGreaterThanOrEqualTo(1);
        for (JsonNode op : ops) {
          assertThat(op.path("status").asText()).as(shown).startsWith("4");
          assertScimError(op.path("response"), op.path("status").asInt(), null, shown);
        }
        return;
      }
      if (a.status() < 400) return;
      if (bare && text.isEmpty()) return;
      assertThat(a.headers().firstValue("Content-Type").orElse(""))
          .as("Content-Type of %s", name)
          .startsWith("application/scim+json");
      JsonNode error = JSON.readTree(text);
      assertScimError(error, a.status(), a.status() == status ? scimTypes : null, shown);
    }
  }

  private static void assertScimError(
      JsonNode error, int status, Set<String> scimTypes, String shown) {
    assertThat(error.path("schemas").toString()).as(shown).contains(ERROR);
    assertThat(error.path("status").asText()).as(shown).isEqualTo(String.valueOf(status));
    assertThat(error.path("detail").asText()).as(shown).isNotBlank();
    if (scimTypes != null) assertThat(error.path("scimType").asText()).as(shown).isIn(scimTypes);
  }

  private record Answer(int status, HttpHeaders headers, String body) {}

  private static Answer sendCase(Case c) throws Exception {
    Map<String, String> headers = new HashMap<>(c.headers());
    if (!c.anonymousCall()) headers.putIfAbsent("Authorization", "Bearer " + directory.token());
    HttpRequest.BodyPublisher publisher;
    if (c.stream() != null) {
      publisher = HttpRequest.BodyPublishers.ofInputStream(c.stream());
    } else if (c.body() == null) {
      publisher = HttpRequest.BodyPublishers.noBody();
    } else {
      byte[] bytes =
          c.body() instanceof byte[] b ? b : ((String) c.body()).getBytes(StandardCharsets.UTF_8);
      publisher = HttpRequest.BodyPublishers.ofByteArray(bytes);
    }
    if (c.body() != null || c.stream() != null) headers.putIfAbsent("Content-Type", Api.SCIM_JSON);
    return exchange(c.method(), c.path(), publisher, headers);
  }

  private static Answer send(String method, String path, String body) throws Exception {
    return send(directory, method, path, body);
  }

  private static Answer send(Api.Directory d, String method, String path, String body)
      throws Exception {
    return send(
        d,
        method,
        path,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        Map.of(),
        true);
  }

  private static Answer send(
      Api.Directory d,
      String method,
      String path,
      byte[] body,
      Map<String, String> extra,
      boolean contentType)
      throws Exception {
    Map<String, String> headers = new HashMap<>(extra);
    headers.put("Authorization", "Bearer " + d.token());
    if (body != null && contentType) headers.put("Content-Type", Api.SCIM_JSON);
    return exchange(
        method,
        path,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body),
        headers);
  }

  private static Answer exchange(
      String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(Suite.get().baseUri() + "/scim/v2" + path))
            .timeout(Duration.ofSeconds(60))
            .method(method, body);
    headers.forEach(b::header);
    HttpResponse<String> r =
        HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(r.statusCode(), r.headers(), r.body());
  }

  private static String bulk(List<String> operations) {
    return "{\"schemas\":[\"" + BULK + "\"],\"Operations\":[" + String.join(",", operations) + "]}";
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] concat(String before, byte[] middle, String after) {
    byte[] a = before.getBytes(StandardCharsets.UTF_8);
    byte[] c = after.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[a.length + middle.length + c.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(middle, 0, out, a.length, middle.length);
    System.arraycopy(c, 0, out, a.length + middle.length, c.length);
    return out;
  }

  private static String hex(byte[] bytes) {
    StringBuilder b = new StringBuilder();
    for (byte x : bytes) b.append(String.format("%02X ", x & 0xff));
    return b.toString().strip();
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .limit(60)
        .forEach(
            c -> {
              if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", c));
              else b.appendCodePoint(c);
            });
    return b.isEmpty() ? "(empty)" : b.toString();
  }
}
