package dev.gangway.it;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.parsing.Parser;
import io.restassured.specification.RequestSpecification;
import java.util.Locale;
import java.util.UUID;

/** HTTP clients of the shared server, as an admin and as an IdP, and unique test data. */
public final class Api {
  public static final String SCIM_JSON = "application/scim+json";
  private static final RestAssuredConfig CONFIG =
      RestAssuredConfig.config()
          .encoderConfig(
              EncoderConfig.encoderConfig()
                  .defaultContentCharset("UTF-8")
                  .encodeContentTypeAs(SCIM_JSON, ContentType.JSON));

  static {
    RestAssured.registerParser(SCIM_JSON, Parser.JSON);
    RestAssured.registerParser("application/problem+json", Parser.JSON);
  }

  private Api() {}

  public static RequestSpecification admin() {
    return given()
        .config(CONFIG)
        .baseUri(Suite.get().baseUri())
        .basePath("/admin/api")
        .header("Authorization", "Bearer " + Suite.ADMIN_TOKEN)
        .contentType(ContentType.JSON);
  }

  /** A directory created for one test. */
  public record Directory(long id, String name, String token) {}

  public static Directory newDirectory(String idp) {
    String name = idp + "-" + UUID.randomUUID().toString().substring(0, 8);
    var body =
        admin()
            .body("{\"name\":\"" + name + "\",\"idp\":\"" + idp + "\"}")
            .post("/directories")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new Directory(body.getLong("id"), name, body.getString("token"));
  }

  /** An IdP's client: the directory's token, SCIM JSON. */
  public static RequestSpecification scim(Directory d) {
    return scim(d.token());
  }

  public static RequestSpecification scim(String token) {
    return given()
        .config(CONFIG)
        .baseUri(Suite.get().baseUri())
        .basePath("/scim/v2")
        .header("Authorization", "Bearer " + token)
        .contentType(SCIM_JSON)
        .accept(SCIM_JSON);
  }

  /** Entra sends and accepts plain application/json. */
  public static RequestSpecification scimPlainJson(Directory d) {
    return given()
        .config(CONFIG)
        .baseUri(Suite.get().baseUri())
        .basePath("/scim/v2")
        .header("Authorization", "Bearer " + d.token())
        .contentType(ContentType.JSON)
        .accept(ContentType.JSON);
  }

  public static String uniqueUserName() {
    return "user." + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
  }

  public static String uniqueName(String prefix) {
    return prefix + " " + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
  }

  /** A user as Okta creates one. */
  public static String user(String userName) {
    return """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
         "userName":"%s","name":{"givenName":"Test","familyName":"User"},
         "emails":[{"primary":true,"value":"%s","type":"work"}],
         "displayName":"Test User","active":true}"""
        .formatted(userName, userName);
  }

  public static String createUser(Directory d, String userName) {
    return scim(d).body(user(userName)).post("/Users").then().statusCode(201).extract().path("id");
  }

  public static String createGroup(Directory d, String displayName) {
    return scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\""
                + displayName
                + "\"}")
        .post("/Groups")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  public static String patch(String... operations) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
        + String.join(",", operations)
        + "]}";
  }
}
