package dev.gangway.it;

import static dev.gangway.it.Api.createUser;
import static dev.gangway.it.Api.patch;
import static dev.gangway.it.Api.scim;
import static dev.gangway.it.Api.uniqueUserName;
import static dev.gangway.it.Api.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** /Users: stored in the database, unique per directory, found by indexed lookups. */
class UsersIT {
  private static final String ISO_INSTANT = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z";

  @Test
  void aCreatedUserReadsBackWithItsMeta() {
    Api.Directory d = Api.newDirectory("okta");
    String userName = uniqueUserName();
    var created =
        scim(d)
            .body(user(userName))
            .post("/Users")
            .then()
            .statusCode(201)
            .header("Location", notNullValue())
            .header("ETag", equalTo("W/\"1\""))
            .contentType(containsString(Api.SCIM_JSON))
            .body("userName", equalTo(userName))
            .body("active", equalTo(true))
            .body("meta.resourceType", equalTo("User"))
            .body("meta.created", matchesPattern(ISO_INSTANT))
            .body("meta.version", equalTo("W/\"1\""))
            .extract();
    String id = created.path("id");
    assertThat(created.header("Location")).endsWith("/scim/v2/Users/" + id);
    scim(d)
        .get("/Users/" + id)
        .then()
        .statusCode(200)
        .body("meta.location", equalTo(created.header("Location")))
        .body("meta.created", equalTo(created.path("meta.created")))
        .body("meta.lastModified", equalTo(created.path("meta.lastModified")))
        .body("name.givenName", equalTo("Test"))
        .body("emails[0].value", equalTo(userName));
  }

  @Test
  void userNameDifferingOnlyInCaseIsAConflictAndTheOriginalCaseIsKept() {
    Api.Directory d = Api.newDirectory("okta");
    String userName = "Mixed.Case." + uniqueUserName();
    String id = createUser(d, userName);
    scim(d)
        .body(user(userName.toUpperCase(Locale.ROOT)))
        .post("/Users")
        .then()
        .statusCode(409)
        .body("scimType", equalTo("uniqueness"))
        .body("status", equalTo("409"));
    scim(d)
        .queryParam("filter", "userName eq \"" + userName.toLowerCase(Locale.ROOT) + "\"")
        .get("/Users")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(1))
        .body("Resources[0].id", equalTo(id))
        .body("Resources[0].userName", equalTo(userName));
  }

  @Test
  void twoDirectoriesMayHoldTheSameUserNameAndNeverSeeEachOther() {
    Api.Directory a = Api.newDirectory("okta");
    Api.Directory b = Api.newDirectory("entra");
    String userName = uniqueUserName();
    String inA = createUser(a, userName);
    String inB = createUser(b, userName);
    assertThat(inA).isNotEqualTo(inB);
    scim(b).get("/Users/" + inA).then().statusCode(404);
    scim(b)
        .body(patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"))
        .patch("/Users/" + inA)
        .then()
        .statusCode(404);
    scim(b).delete("/Users/" + inA).then().statusCode(404);
    scim(b)
        .get("/Users")
        .then()
        .body("Resources.id", not(hasItem(inA)))
        .body("totalResults", equalTo(1));
    scim(a).get("/Users/" + inA).then().statusCode(200).body("active", equalTo(true));
  }

  @Test
  void lookupsByExternalIdAndEmailFindTheUser() {
    Api.Directory d = Api.newDirectory("entra");
    String userName = uniqueUserName();
    String id =
        scim(d)
            .body(
                """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","externalId":"ext-%s",
         "emails":[{"type":"work","value":"Work.%s","primary":true},{"type":"home","value":"home.%s"}]}"""
                    .formatted(userName, userName, userName, userName))
            .post("/Users")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    for (String filter :
        List.of(
            "externalId eq \"ext-" + userName + "\"",
            "emails.value eq \"work." + userName + "\"",
            "emails[type eq \"work\"].value eq \"WORK." + userName + "\"",
            "emails[type eq \"home\" and value co \"home.\"]",
            "userName eq \"" + userName + "\" and active eq true")) {
      scim(d)
          .queryParam("filter", filter)
          .get("/Users")
          .then()
          .statusCode(200)
          .body("totalResults", equalTo(1))
          .body("Resources[0].id", equalTo(id));
    }
    scim(d)
        .queryParam("filter", "emails[type eq \"home\"].value eq \"work." + userName + "\"")
        .get("/Users")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(0))
        .body("Resources", hasSize(0));
    scim(d)
        .queryParam("filter", "externalId eq \"EXT-" + userName + "\"")
        .get("/Users")
        .then()
        .body("totalResults", equalTo(0)); // externalId is caseExact
  }

  @Test
  void pagesAreStableAndCountEveryMatch() {
    Api.Directory d = Api.newDirectory("okta");
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) created.add(createUser(d, "page" + i + "." + uniqueUserName()));
    List<String> seen = new ArrayList<>();
    for (int start = 1; start <= 7; start += 3) {
      JsonPath page =
          scim(d)
              .queryParam("startIndex", start)
              .queryParam("count", 3)
              .get("/Users")
              .then()
              .statusCode(200)
              .body("totalResults", equalTo(7))
              .body("startIndex", equalTo(start))
              .extract()
              .jsonPath();
      assertThat(page.getInt("itemsPerPage")).isEqualTo(Math.min(3, 8 - start));
      seen.addAll(page.getList("Resources.id"));
    }
    assertThat(seen).containsExactlyElementsOf(created);
    scim(d)
        .queryParam("count", 0)
        .get("/Users")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(7))
        .body("Resources", hasSize(0));
  }

  @Test
  void putReplacesTheUserAndClearsWhatItLeavesOut() {
    Api.Directory d = Api.newDirectory("okta");
    String userName = uniqueUserName();
    String id =
        scim(d)
            .body(
                """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","title":"Engineer","nickName":"Bobby","name":{"givenName":"Bob","familyName":"Smith"}}"""
                    .formatted(userName))
            .post("/Users")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    scim(d)
        .body(
            """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"%s","userName":"%s",
         "name":{"givenName":"Robert","familyName":"Smith"},"active":true}"""
                .formatted(id, userName))
        .put("/Users/" + id)
        .then()
        .statusCode(200)
        .header("ETag", equalTo("W/\"2\""))
        .body("name.givenName", equalTo("Robert"))
        .body("title", equalTo(null))
        .body("nickName", equalTo(null));
    scim(d)
        .get("/Users/" + id)
        .then()
        .body("name.givenName", equalTo("Robert"))
        .body("title", equalTo(null));
  }

  @Test
  void aDeactivatedUserStaysReadableAndFindable() {
    Api.Directory d = Api.newDirectory("okta");
    String userName = uniqueUserName();
    String id = createUser(d, userName);
    scim(d)
        .body(patch("{\"op\":\"replace\",\"value\":{\"active\":false}}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("active", equalTo(false));
    scim(d).get("/Users/" + id).then().statusCode(200).body("active", equalTo(false));
    scim(d)
        .queryParam("filter", "userName eq \"" + userName + "\"")
        .get("/Users")
        .then()
        .body("totalResults", equalTo(1))
        .body("Resources[0].active", equalTo(false));
  }

  @Test
  void deletingAUserRemovesItAndItsMemberships() {
    Api.Directory d = Api.newDirectory("entra");
    String id = createUser(d, uniqueUserName());
    String group = Api.createGroup(d, Api.uniqueName("Team"));
    scim(d)
        .body(patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + id + "\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    scim(d).delete("/Users/" + id).then().statusCode(204);
    scim(d).get("/Users/" + id).then().statusCode(404);
    scim(d).get("/Groups/" + group).then().statusCode(200).body("members", hasSize(0));
    scim(d).delete("/Users/" + id).then().statusCode(404);
  }

  @Test
  void etagsGuardUpdatesAndSpareUnchangedReads() {
    Api.Directory d = Api.newDirectory("generic");
    String id = createUser(d, uniqueUserName());
    scim(d).header("If-None-Match", "W/\"1\"").get("/Users/" + id).then().statusCode(304);
    scim(d)
        .header("If-Match", "W/\"7\"")
        .body(patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"X\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(412);
    scim(d)
        .get("/Users/" + id)
        .then()
        .header("ETag", equalTo("W/\"1\""))
        .body("title", equalTo(null));
    scim(d)
        .header("If-Match", "W/\"1\"")
        .body(patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"X\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .header("ETag", equalTo("W/\"2\""));
  }

  @Test
  void badInputIsAScimErrorAndChangesNothing() {
    Api.Directory d = Api.newDirectory("okta");
    String userName = uniqueUserName();
    String id = createUser(d, userName);
    scim(d)
        .body("{\"userName\":")
        .post("/Users")
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidSyntax"))
        .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:Error"));
    scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"name\":{\"givenName\":\"NoUserName\"}}")
        .post("/Users")
        .then()
        .statusCode(400)
        .body("detail", containsString("userName"));
    scim(d)
        .get("/Users/00000000-0000-0000-0000-000000000000")
        .then()
        .statusCode(404)
        .body("status", equalTo("404"));
    scim(d)
        .body(
            patch(
                "{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Boss\"}",
                "{\"op\":\"replace\",\"path\":\"favouriteColour\",\"value\":\"red\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidPath"));
    scim(d)
        .body(
            patch("{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"\",\"value\":\"x\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(400);
    scim(d)
        .body(patch("{\"op\":\"replace\",\"path\":\"id\",\"value\":\"other\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(400)
        .body("scimType", equalTo("mutability"));
    scim(d)
        .body(patch("{\"op\":\"remove\",\"path\":\"userName\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(400);
    scim(d)
        .body(patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidValue"));
    scim(d)
        .queryParam("filter", "userName zz \"x\"")
        .get("/Users")
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidFilter"));
    scim(d)
        .queryParam("filter", "shoeSize eq \"42\"")
        .get("/Users")
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidFilter"))
        .body("detail", containsString("shoeSize"));
    scim(d)
        .get("/Users/" + id)
        .then()
        .statusCode(200)
        .header("ETag", equalTo("W/\"1\""))
        .body("title", equalTo(null));
  }

  @Test
  void malformedQueryParametersAreInvalidValuesNotServerErrors() {
    Api.Directory d = Api.newDirectory("generic");
    String id = createUser(d, uniqueUserName());
    scim(d)
        .queryParam("count", "ten")
        .get("/Users")
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidValue"));
    scim(d).queryParam("startIndex", "1.5").get("/Users").then().statusCode(400);
    scim(d).queryParam("sortOrder", "upwards").get("/Users").then().statusCode(400);
    scim(d)
        .queryParam("attributes", "shoeSize")
        .get("/Users/" + id)
        .then()
        .statusCode(400)
        .body("detail", containsString("shoeSize"));
    scim(d).queryParam("excludedAttributes", "name.nickname").get("/Users").then().statusCode(400);
    scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"filter\":\"userName sw\"}")
        .post("/Users/.search")
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidFilter"));
  }

  @Test
  void searchingWithABodyProjectsAndSorts() {
    Api.Directory d = Api.newDirectory("generic");
    String b = createUser(d, "b." + uniqueUserName());
    String a = createUser(d, "a." + uniqueUserName());
    scim(d)
        .body(
            """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"userName sw \\"a.\\"",
         "attributes":["userName"]}""")
        .post("/Users/.search")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(1))
        .body("Resources[0].id", equalTo(a))
        .body("Resources[0]", not(Matchers.hasKey("meta")))
        .body("Resources[0]", not(Matchers.hasKey("emails")));
    scim(d)
        .queryParam("sortBy", "userName")
        .queryParam("sortOrder", "descending")
        .get("/Users")
        .then()
        .body("Resources.id", Matchers.contains(b, a));
    scim(d)
        .body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"]}")
        .post("/.search")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(2))
        .body("Resources.id", Matchers.containsInAnyOrder(a, b));
  }

  @Test
  void plainApplicationJsonWorksLikeScimJson() {
    Api.Directory d = Api.newDirectory("entra");
    String userName = uniqueUserName();
    String id =
        Api.scimPlainJson(d)
            .body(user(userName))
            .post("/Users")
            .then()
            .statusCode(201)
            .body("userName", equalTo(userName))
            .extract()
            .path("id");
    Api.scimPlainJson(d)
        .body(patch("{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Plain Json\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("displayName", equalTo("Plain Json"));
    Api.scimPlainJson(d)
        .body("{\"userName\":")
        .post("/Users")
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidSyntax"));
  }

  @Test
  void theGangwayExtensionCarriesTheExternalCompany() {
    Api.Directory d = Api.newDirectory("generic");
    String urn = "urn:gangway:params:scim:schemas:extension:external:1.0:User";
    String id =
        scim(d)
            .body(
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                    + uniqueUserName()
                    + "\",\""
                    + urn
                    + "\":{\"company\":\"Fabrikam\"}}")
            .post("/Users")
            .then()
            .statusCode(201)
            .body("schemas", hasItem(urn))
            .body("'" + urn + "'.company", equalTo("Fabrikam"))
            .extract()
            .path("id");
    scim(d)
        .queryParam("filter", urn + ":company eq \"fabrikam\"")
        .get("/Users")
        .then()
        .body("totalResults", equalTo(1))
        .body("Resources[0].id", equalTo(id));
    scim(d)
        .body(patch("{\"op\":\"replace\",\"path\":\"" + urn + ":company\",\"value\":\"Contoso\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("'" + urn + "'.company", equalTo("Contoso"));
  }

  @Test
  void userNamesBeyondAsciiAreFoundByLookupsAndPatchFilters() {
    Api.Directory d = Api.newDirectory("okta");
    String userName = "josé.ñandú." + UUID.randomUUID().toString().substring(0, 6) + "@例え.jp";
    String id =
        scim(d)
            .body(
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                    + userName
                    + "\",\"emails\":[{\"type\":\"work\",\"value\":\""
                    + userName
                    + "\"}]}")
            .post("/Users")
            .then()
            .statusCode(201)
            .body("userName", equalTo(userName))
            .extract()
            .path("id");
    scim(d)
        .queryParam("filter", "userName eq \"" + userName.toUpperCase(Locale.ROOT) + "\"")
        .get("/Users")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(1))
        .body("Resources[0].id", equalTo(id));
    scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"filter\":\"emails.value eq \\\""
                + userName
                + "\\\"\"}")
        .post("/Users/.search")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(1));
    scim(d)
        .body(
            patch(
                "{\"op\":\"replace\",\"path\":\"emails[value eq \\\""
                    + userName
                    + "\\\"].type\",\"value\":\"home\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("emails[0].type", equalTo("home"));
  }

  @Test
  void theLocationHeaderNamesTheResource() {
    Api.Directory d = Api.newDirectory("okta");
    scim(d)
        .body(user(uniqueUserName()))
        .post("/Users")
        .then()
        .statusCode(201)
        .header("Location", containsString("/scim/v2/Users/"))
        .header("Location", not(endsWith("unknown")));
  }

  @Test
  void aPasswordIsAcceptedAndDiscardedOnCreateReplaceAndPatch() throws Exception {
    Api.Directory d = Api.newDirectory("okta");
    String userName = uniqueUserName();
    String secret = "pw-" + UUID.randomUUID();
    String withPassword = user(userName).replaceFirst("\\{", "{\"password\":\"" + secret + "\",");
    String id =
        scim(d)
            .body(withPassword)
            .post("/Users")
            .then()
            .statusCode(201)
            .body("$", not(Matchers.hasKey("password")))
            .extract()
            .path("id");
    scim(d)
        .body(withPassword.replace("Test User", "Renamed User"))
        .put("/Users/" + id)
        .then()
        .statusCode(200)
        .body("displayName", equalTo("Renamed User"))
        .body("$", not(Matchers.hasKey("password")));
    scim(d)
        .body(patch("{\"op\":\"replace\",\"path\":\"password\",\"value\":\"" + secret + "\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("$", not(Matchers.hasKey("password")));
    scim(d)
        .body(
            patch(
                "{\"op\":\"replace\",\"value\":{\"password\":\""
                    + secret
                    + "\",\"title\":\"Chief\"}}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("title", equalTo("Chief"));
    scim(d)
        .queryParam("attributes", "password,userName")
        .get("/Users/" + id)
        .then()
        .statusCode(200)
        .body("$", not(Matchers.hasKey("password")))
        .body("userName", equalTo(userName));

    for (String wrong :
        new String[] {"[\"" + secret + "\"]", "{\"value\":\"" + secret + "\"}", "12345678901"}) {
      String answer =
          scim(d)
              .body(
                  "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                      + uniqueUserName()
                      + "\",\"password\":"
                      + wrong
                      + "}")
              .post("/Users")
              .then()
              .statusCode(Matchers.anyOf(equalTo(201), equalTo(400)))
              .extract()
              .asString();
      assertThat(answer).doesNotContain(secret).doesNotContain("12345678901");
    }
    assertThat(
            Api.admin()
                .get("/directories/" + d.id() + "/status")
                .then()
                .statusCode(200)
                .extract()
                .asString())
        .as("recent errors")
        .doesNotContain(secret)
        .doesNotContain("12345678901");
    String audit =
        Api.admin()
            .queryParam("targetType", "user")
            .queryParam("targetId", id)
            .get("/audit")
            .then()
            .statusCode(200)
            .body("action", hasItem("user.created"))
            .extract()
            .asString();
    assertThat(audit).doesNotContain(secret).doesNotContainIgnoringCase("password");
    assertThat(Suite.get().server().log()).doesNotContain(secret);
    if (Suite.get().database().kind() == TestDatabase.Kind.MARIADB) {
      try (var c = Suite.get().database().connect();
          var s = c.createStatement();
          var columns =
              s.executeQuery(
                  "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()"
                      + " AND column_name LIKE '%password%'")) {
        columns.next();
        assertThat(columns.getInt(1)).as("columns that could hold a password").isZero();
      }
    }
  }
}
