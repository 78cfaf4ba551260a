package dev.gangway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every SCIM limit follows its setting: a server started with small limits advertises them in
 * /ServiceProviderConfig and enforces them.
 */
class ConfiguredLimitsIT {
  private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

  @Test
  void theLimitsFollowTheirSettings() throws Exception {
    String admin = "gwa_limits_" + UUID.randomUUID();
    try (TestDatabase db = TestDatabase.create(TestDatabase.configuredKind())) {
      Map<String, String> env = new HashMap<>(db.environment());
      env.put("GANGWAY_ADMIN_TOKEN", admin);
      env.put("GANGWAY_AUDIT_KEY", "gwk_limits_" + UUID.randomUUID());
      env.put("GANGWAY_SCIM_MAX_BODY_BYTES", "2000");
      env.put("GANGWAY_SCIM_BULK_MAX_PAYLOAD_BYTES", "3000");
      env.put("GANGWAY_SCIM_BULK_MAX_OPERATIONS", "3");
      env.put("GANGWAY_SCIM_MAX_RESULTS", "2");
      env.put("GANGWAY_SCIM_FILTER_MAX_LENGTH", "60");
      env.put("GANGWAY_SCIM_FILTER_MAX_DEPTH", "2");
      env.put("GANGWAY_SCIM_FILTER_MAX_TERMS", "3");
      env.put("GANGWAY_SCIM_JSON_MAX_DEPTH", "4");
      env.put("GANGWAY_HTTP_MAX_HEADER_BYTES", "32768");
      try (GangwayServer server = GangwayServer.start(Suite.dataDir("limits"), env)) {
        String token =
            given()
                .baseUri(server.baseUri())
                .basePath("/admin/api")
                .header("Authorization", "Bearer " + admin)
                .contentType("application/json")
                .body(
                    "{\"name\":\"limits-"
                        + UUID.randomUUID().toString().substring(0, 8)
                        + "\",\"idp\":\"generic\"}")
                .post("/directories")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        Supplier<RequestSpecification> scim =
            () ->
                given()
                    .baseUri(server.baseUri())
                    .basePath("/scim/v2")
                    .header("Authorization", "Bearer " + token)
                    .contentType(Api.SCIM_JSON);

        // the request line and headers: 32 KiB here, where the default (8 KiB) refuses 12,000 bytes
        assertThat(requestLineStatus(server.baseUri(), 12_000)).isEqualTo(200);
        assertThat(requestLineStatus(server.baseUri(), 30_000)).isEqualTo(200);
        assertThat(requestLineStatus(server.baseUri(), 40_000)).isEqualTo(400);
        assertThat(requestLineStatus(Suite.get().baseUri(), 12_000))
            .as("the shared server's default")
            .isEqualTo(400);

        scim.get()
            .get("/ServiceProviderConfig")
            .then()
            .statusCode(200)
            .body("bulk.maxOperations", equalTo(3))
            .body("bulk.maxPayloadSize", equalTo(3000))
            .body("filter.maxResults", equalTo(2));

        for (int i = 0; i < 3; i++) {
          scim.get()
              .body(
                  "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + Api.uniqueUserName() + "\"}")
              .post("/Users")
              .then()
              .statusCode(201);
        }
        scim.get()
            .queryParam("count", 50)
            .get("/Users")
            .then()
            .statusCode(200)
            .body("totalResults", equalTo(3))
            .body("itemsPerPage", lessThanOrEqualTo(2));

        String padded =
            "{\"schemas\":[\""
                + USER
                + "\"],\"userName\":\""
                + Api.uniqueUserName()
                + "\",\"emails\":[%s]}";
        scim.get().body(padded.formatted(emails(40))).post("/Users").then().statusCode(201);
        scim.get()
            .body(padded.formatted(emails(90)))
            .post("/Users")
            .then()
            .statusCode(413)
            .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error"));

        scim.get()
            .body(
                "{\"schemas\":[\""
                    + USER
                    + "\"],\"userName\":\""
                    + Api.uniqueUserName()
                    + "\",\"x\":[[[[1]]]]}")
            .post("/Users")
            .then()
            .statusCode(400)
            .body("scimType", equalTo("invalidSyntax"));

        scim.get()
            .queryParam("filter", "userName eq \"" + "a".repeat(60) + "\"")
            .get("/Users")
            .then()
            .statusCode(400)
            .body("scimType", equalTo("invalidFilter"))
            .body("detail", containsString("60"));
        scim.get()
            .queryParam("filter", "((( userName pr )))")
            .get("/Users")
            .then()
            .statusCode(400)
            .body("scimType", equalTo("invalidFilter"));
        scim.get().queryParam("filter", "(userName pr)").get("/Users").then().statusCode(200);
        scim.get()
            .queryParam("filter", "title pr or title pr or title pr or title pr")
            .get("/Users")
            .then()
            .statusCode(400)
            .body("detail", containsString("3 comparisons"));
        scim.get()
            .queryParam("filter", "title pr or title pr or title pr")
            .get("/Users")
            .then()
            .statusCode(200);

        String op = "{\"method\":\"DELETE\",\"path\":\"/Users/x\"}";
        scim.get()
            .urlEncodingEnabled(false)
            .body(
                "{\"schemas\":[\""
                    + BULK
                    + "\"],\"Operations\":["
                    + String.join(",", Collections.nCopies(4, op))
                    + "]}")
            .post("/Bulk;x=y")
            .then()
            .statusCode(413)
            .body("detail", containsString("maxOperations"));
        scim.get()
            .body(
                "{\"schemas\":[\""
                    + BULK
                    + "\"],\"Operations\":["
                    + String.join(",", Collections.nCopies(3, op))
                    + "]}")
            .post("/Bulk")
            .then()
            .statusCode(200);
        scim.get()
            .body(
                "{\"schemas\":[\""
                    + BULK
                    + "\"],\"Operations\":[],\"pad\":\""
                    + "p".repeat(3000)
                    + "\"}")
            .post("/Bulk/")
            .then()
            .statusCode(413)
            .body("detail", containsString("maxPayloadSize"));
      }
    }
  }

  private static String emails(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++)
      b.append(i == 0 ? "" : ",").append("{\"value\":\"a").append(1000 + i).append("@x.example\"}");
    return b.toString();
  }

  /**
   * The status of a discovery GET whose request line is about {@code length} bytes long (raw: no
   * client rewrites it).
   */
  private static int requestLineStatus(String baseUri, int length) throws IOException {
    URI uri = URI.create(baseUri);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket
          .getOutputStream()
          .write(
              ("GET /scim/v2/ServiceProviderConfig?pad="
                      + "a".repeat(length)
                      + " HTTP/1.1\r\nHost: "
                      + uri.getHost()
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
    }
  }
}
