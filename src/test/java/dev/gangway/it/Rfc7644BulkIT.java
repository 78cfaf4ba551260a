package dev.gangway.it;

import static dev.gangway.it.Api.scim;
import static dev.gangway.it.Api.uniqueUserName;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 7644 §3.7 (bulk), as far as Gangway implements it; see the README's known deviations. */
class Rfc7644BulkIT {
  private static String op(int i) {
    return "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"u" + i + "\",\"data\":{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
        + "\"userName\":\"" + uniqueUserName() + "\"}}";
  }

  private static String bulk(int operations) {
    StringBuilder b = new StringBuilder("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[");
    for (int i = 0; i < operations; i++) b.append(i == 0 ? "" : ",").append(op(i));
    return b.append("]}").toString();
  }

  @Test @DisplayName("§3.7 POST /Bulk runs each operation and reports its status")
  void bulkCreates() {
    Api.Directory d = Api.newDirectory("generic");
    scim(d).body(bulk(2)).post("/Bulk").then().statusCode(200)
        .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:BulkResponse"))
        .body("Operations[0].status", equalTo("201")).body("Operations[1].status", equalTo("201"));
    scim(d).get("/Users").then().body("totalResults", equalTo(2));
  }

  @Test @DisplayName("§3.7.4 more operations than maxOperations is 413, and nothing runs")
  void tooManyOperations() {
    Api.Directory d = Api.newDirectory("generic");
    int max = scim(d).get("/ServiceProviderConfig").then().extract().path("bulk.maxOperations");
    scim(d).body(bulk(max + 1)).post("/Bulk").then().statusCode(413).body("status", equalTo("413"));
    scim(d).get("/Users").then().body("totalResults", equalTo(0));
  }

  @Test @DisplayName("§3.7.4 a payload over maxPayloadSize is 413")
  void payloadTooLarge() {
    Api.Directory d = Api.newDirectory("generic");
    int max = scim(d).get("/ServiceProviderConfig").then().extract().path("bulk.maxPayloadSize");
    String padding = "x".repeat(max);
    scim(d).body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[{\"method\":\"POST\","
        + "\"path\":\"/Users\",\"bulkId\":\"a\",\"data\":{\"userName\":\"" + padding + "\"}}]}")
        .post("/Bulk").then().statusCode(413);
  }
}
