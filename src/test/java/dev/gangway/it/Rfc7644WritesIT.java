package dev.gangway.it;

import static dev.gangway.it.Api.createGroup;
import static dev.gangway.it.Api.createUser;
import static dev.gangway.it.Api.patch;
import static dev.gangway.it.Api.scim;
import static dev.gangway.it.Api.uniqueName;
import static dev.gangway.it.Api.uniqueUserName;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 7644 §3.3 (POST), §3.5.1 (PUT), §3.5.2 (PATCH) and RFC 7643 §2.2 / §7 (attribute
 * characteristics as the schema files state them), one test per statement.
 */
class Rfc7644WritesIT {
  private static final String ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  private static String userWith(Api.Directory d, String extra) {
    return scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                + uniqueUserName()
                + "\""
                + extra
                + "}")
        .post("/Users")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static void refused(Api.Directory d, String body, String scimType) {
    scim(d)
        .body(body)
        .post("/Users")
        .then()
        .statusCode(400)
        .body("scimType", equalTo(scimType))
        .body("status", equalTo("400"));
  }

  // --- POST, and validation by the schema files ---------------------------------------------

  @Test
  @DisplayName("§3.3 POST answers 201 with the resource, Location and its id")
  void postCreates() {
    Api.Directory d = Api.newDirectory("generic");
    scim(d)
        .body(Api.user(uniqueUserName()))
        .post("/Users")
        .then()
        .statusCode(201)
        .header("Location", notNullValue())
        .body("id", notNullValue())
        .body("meta.resourceType", equalTo("User"));
  }

  @Test
  @DisplayName(
      "RFC 7643 §2.2 required: a resource without a required attribute is 400 invalidValue")
  void requiredAttributes() {
    Api.Directory d = Api.newDirectory("generic");
    refused(
        d,
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"No Name\"}",
        "invalidValue");
    scim(d)
        .body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"members\":[]}")
        .post("/Groups")
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidValue"));
  }

  @Test
  @DisplayName("RFC 7643 §2.3 types: a value of the wrong type is 400 invalidValue")
  void types() {
    Api.Directory d = Api.newDirectory("generic");
    refused(
        d,
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
            + uniqueUserName()
            + "\",\"title\":{\"x\":1}}",
        "invalidValue");
    // a complex value SCIMple's typed reader cannot even map is refused before Gangway sees it
    scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                + uniqueUserName()
                + "\",\"name\":\"Barbara\"}")
        .post("/Users")
        .then()
        .statusCode(400)
        .body("scimType", anyOf(equalTo("invalidValue"), equalTo("invalidSyntax")));
    scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                + uniqueUserName()
                + "\",\""
                + ENT
                + "\":{\"department\":[\"a\",\"b\"]}}")
        .post("/Users")
        .then()
        .statusCode(400)
        .body("scimType", anyOf(equalTo("invalidValue"), equalTo("invalidSyntax")));
    refused(
        d,
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
            + uniqueUserName()
            + "\",\"active\":\"perhaps\"}",
        "invalidValue");
  }

  @Test
  @DisplayName(
      "RFC 7643 §2.4 canonicalValues: a type outside them is 400 invalidValue; case is ignored")
  void canonicalValues() {
    Api.Directory d = Api.newDirectory("generic");
    refused(
        d,
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
            + uniqueUserName()
            + "\",\"emails\":[{\"value\":\"a@x\",\"type\":\"pigeon\"}]}",
        "invalidValue");
    userWith(d, ",\"emails\":[{\"value\":\"a@x\",\"type\":\"Work\"}]");
  }

  @Test
  @DisplayName("RFC 7643 §7 readOnly: id, meta and groups sent by a client are ignored")
  void readOnlyIgnoredOnPost() {
    Api.Directory d = Api.newDirectory("generic");
    scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                + uniqueUserName()
                + "\",\"id\":\"mine\",\"meta\":{\"version\":\"W/\\\"9\\\"\"},"
                + "\"groups\":[{\"value\":\"nope\"}]}")
        .post("/Users")
        .then()
        .statusCode(201)
        .body("id", not(equalTo("mine")))
        .body("meta.version", equalTo("W/\"1\""))
        .body("$", not(hasKey("groups")));
  }

  @Test
  @DisplayName("RFC 7643 §2.1 attribute names are case-insensitive in requests")
  void attributeNamesIgnoreCaseOnInput() {
    Api.Directory d = Api.newDirectory("generic");
    String userName = uniqueUserName();
    scim(d)
        .body(
            "{\"SCHEMAS\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"USERNAME\":\""
                + userName
                + "\",\"DisplayName\":\"Shouty\"}")
        .post("/Users")
        .then()
        .statusCode(201)
        .body("userName", equalTo(userName))
        .body("displayName", equalTo("Shouty"));
  }

  @Test
  @DisplayName(
      "RFC 7643 §2.4 uniqueness server: userName and group displayName, case-insensitively: 409 uniqueness")
  void uniqueness() {
    Api.Directory d = Api.newDirectory("generic");
    String userName = uniqueUserName();
    createUser(d, userName);
    scim(d)
        .body(Api.user(userName.toUpperCase()))
        .post("/Users")
        .then()
        .statusCode(409)
        .body("scimType", equalTo("uniqueness"));
    String name = uniqueName("Crew");
    createGroup(d, name);
    scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\""
                + name.toLowerCase()
                + "\"}")
        .post("/Groups")
        .then()
        .statusCode(409)
        .body("scimType", equalTo("uniqueness"));
  }

  // --- PUT ----------------------------------------------------------------------------------

  @Test
  @DisplayName("§3.5.1 PUT replaces: attributes it leaves out are cleared")
  void putClearsOmitted() {
    Api.Directory d = Api.newDirectory("generic");
    String userName = uniqueUserName();
    String id =
        userWith(
            d, ",\"title\":\"Boss\",\"nickName\":\"B\",\"" + ENT + "\":{\"department\":\"Tour\"}");
    scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                + userName
                + "\",\"nickName\":\"C\"}")
        .put("/Users/" + id)
        .then()
        .statusCode(200)
        .body("userName", equalTo(userName))
        .body("nickName", equalTo("C"))
        .body("$", not(hasKey("title")))
        .body("$", not(hasKey(ENT)));
    scim(d).get("/Users/" + id).then().body("$", not(hasKey("title")));
  }

  @Test
  @DisplayName("§3.5.1 PUT ignores readOnly attributes (id, meta, groups)")
  void putIgnoresReadOnly() {
    Api.Directory d = Api.newDirectory("generic");
    String id = createUser(d, uniqueUserName());
    scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                + uniqueUserName()
                + "\",\"id\":\"other\",\"meta\":{\"created\":\"2000-01-01T00:00:00Z\"}}")
        .put("/Users/" + id)
        .then()
        .statusCode(200)
        .body("id", equalTo(id))
        .body("meta.created", not(equalTo("2000-01-01T00:00:00Z")));
  }

  @Test
  @DisplayName("§3.5.1 PUT of a group replaces its members")
  void putReplacesMembers() {
    Api.Directory d = Api.newDirectory("generic");
    String a = createUser(d, uniqueUserName());
    String b = createUser(d, uniqueUserName());
    String name = uniqueName("Crew");
    String g =
        scim(d)
            .body(
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\""
                    + name
                    + "\",\"members\":[{\"value\":\""
                    + a
                    + "\"}]}")
            .post("/Groups")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\""
                + name
                + "\",\"members\":[{\"value\":\""
                + b
                + "\"}]}")
        .put("/Groups/" + g)
        .then()
        .statusCode(200)
        .body("members.value", containsInAnyOrder(b));
  }

  // --- PATCH --------------------------------------------------------------------------------

  @Test
  @DisplayName("§3.5.2.1 add: sets a single-valued attribute; appends to a multi-valued one")
  void patchAdd() {
    Api.Directory d = Api.newDirectory("generic");
    String id = userWith(d, ",\"emails\":[{\"value\":\"a@x.example\",\"type\":\"work\"}]");
    scim(d)
        .body(
            patch(
                "{\"op\":\"add\",\"path\":\"title\",\"value\":\"Guide\"}",
                "{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"b@x.example\",\"type\":\"home\"}]}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("title", equalTo("Guide"))
        .body("emails.value", containsInAnyOrder("a@x.example", "b@x.example"));
  }

  @Test
  @DisplayName(
      "§3.5.2.1 add without a path: the value's attributes are added, extension URNs included")
  void patchAddWithoutPath() {
    Api.Directory d = Api.newDirectory("generic");
    String id = createUser(d, uniqueUserName());
    scim(d)
        .body(
            patch(
                "{\"op\":\"add\",\"value\":{\"nickName\":\"Kit\",\""
                    + ENT
                    + "\":{\"department\":\"Tour\"}}}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("nickName", equalTo("Kit"))
        .body("'" + ENT + "'.department", equalTo("Tour"));
  }

  @Test
  @DisplayName(
      "§3.5.2.3 replace: through a value filter and a sub-attribute, only the matching values change")
  void patchReplaceThroughFilter() {
    Api.Directory d = Api.newDirectory("generic");
    String id =
        userWith(
            d,
            ",\"emails\":[{\"value\":\"w@x.example\",\"type\":\"work\"},{\"value\":\"h@x.example\",\"type\":\"home\"}]");
    scim(d)
        .body(
            patch(
                "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"new@x.example\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("emails.find { it.type == 'work' }.value", equalTo("new@x.example"))
        .body("emails.find { it.type == 'home' }.value", equalTo("h@x.example"));
  }

  @Test
  @DisplayName("§3.5.2.2 remove: a value-filter path removes only the matching values")
  void patchRemoveThroughFilter() {
    Api.Directory d = Api.newDirectory("generic");
    String id =
        userWith(
            d,
            ",\"emails\":[{\"value\":\"w@x.example\",\"type\":\"work\"},{\"value\":\"h@x.example\",\"type\":\"home\"}]");
    scim(d)
        .body(patch("{\"op\":\"remove\",\"path\":\"emails[type eq \\\"home\\\"]\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(200)
        .body("emails", hasSize(1))
        .body("emails[0].value", equalTo("w@x.example"));
  }

  @Test
  @DisplayName("§3.5.2.2 remove without a path is 400 noTarget")
  void patchRemoveWithoutPath() {
    Api.Directory d = Api.newDirectory("generic");
    String id = createUser(d, uniqueUserName());
    scim(d)
        .body(patch("{\"op\":\"remove\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(400)
        .body("scimType", equalTo("noTarget"));
  }

  @Test
  @DisplayName("§3.5.2 a PATCH is atomic: when one operation fails, none applies")
  void patchIsAtomic() {
    Api.Directory d = Api.newDirectory("generic");
    String id = userWith(d, ",\"title\":\"Before\"");
    scim(d)
        .body(
            patch(
                "{\"op\":\"replace\",\"path\":\"title\",\"value\":\"After\"}",
                "{\"op\":\"replace\",\"path\":\"shoeSize\",\"value\":\"42\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidPath"));
    scim(d)
        .get("/Users/" + id)
        .then()
        .body("title", equalTo("Before"))
        .body("meta.version", equalTo("W/\"1\""));
  }

  @Test
  @DisplayName("§3.5.2 readOnly attributes cannot be patched: 400 mutability")
  void patchReadOnly() {
    Api.Directory d = Api.newDirectory("generic");
    String id = createUser(d, uniqueUserName());
    scim(d)
        .body(patch("{\"op\":\"replace\",\"path\":\"groups\",\"value\":[{\"value\":\"g\"}]}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(400)
        .body("scimType", equalTo("mutability"));
    scim(d)
        .body(
            patch(
                "{\"op\":\"replace\",\"path\":\"meta.created\",\"value\":\"2000-01-01T00:00:00Z\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(400)
        .body("scimType", equalTo("mutability"));
  }

  @Test
  @DisplayName("§3.5.2.2 a required attribute cannot be removed")
  void patchRemoveRequired() {
    Api.Directory d = Api.newDirectory("generic");
    String id = createUser(d, uniqueUserName());
    scim(d)
        .body(patch("{\"op\":\"remove\",\"path\":\"userName\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(400);
    String g = createGroup(d, uniqueName("Crew"));
    scim(d)
        .body(patch("{\"op\":\"remove\",\"path\":\"displayName\"}"))
        .patch("/Groups/" + g)
        .then()
        .statusCode(400);
  }

  @Test
  @DisplayName("§3.5.2 the result of a PATCH is checked against the schema like a PUT")
  void patchResultIsValidated() {
    Api.Directory d = Api.newDirectory("generic");
    String id = createUser(d, uniqueUserName());
    scim(d)
        .body(
            patch(
                "{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"a@x\",\"type\":\"pigeon\"}]}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidValue"));
  }

  @Test
  @DisplayName(
      "§3.5.2 group members: add, remove by value filter, remove listed values; other members untouched")
  void patchMembers() {
    Api.Directory d = Api.newDirectory("generic");
    String a = createUser(d, uniqueUserName());
    String b = createUser(d, uniqueUserName());
    String c = createUser(d, uniqueUserName());
    String g = createGroup(d, uniqueName("Crew"));
    scim(d)
        .body(
            patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + a
                    + "\"},{\"value\":\""
                    + b
                    + "\"},{\"value\":\""
                    + c
                    + "\"}]}"))
        .patch("/Groups/" + g)
        .then()
        .statusCode(204);
    scim(d)
        .body(
            patch(
                "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + a + "\\\"]\"}",
                "{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + b + "\"}]}"))
        .patch("/Groups/" + g)
        .then()
        .statusCode(204);
    scim(d).get("/Groups/" + g).then().body("members.value", containsInAnyOrder(c));
  }

  @Test
  @DisplayName(
      "§3.5.2 a member that is not a resource of the directory is 400, and nothing changes")
  void patchUnknownMember() {
    Api.Directory d = Api.newDirectory("generic");
    String a = createUser(d, uniqueUserName());
    String g = createGroup(d, uniqueName("Crew"));
    scim(d)
        .body(
            patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + a
                    + "\"},{\"value\":\"nobody\"}]}"))
        .patch("/Groups/" + g)
        .then()
        .statusCode(400);
    scim(d).get("/Groups/" + g).then().body("members", anyOf(nullValue(), hasSize(0)));
  }
}
