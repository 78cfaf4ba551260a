package dev.gangway.it;

import static dev.gangway.it.Api.createGroup;
import static dev.gangway.it.Api.createUser;
import static dev.gangway.it.Api.patch;
import static dev.gangway.it.Api.scim;
import static dev.gangway.it.Api.uniqueName;
import static dev.gangway.it.Api.uniqueUserName;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** /Groups: unique names, membership rows, reads that skip members when asked to. */
class GroupsIT {

  @Test
  void displayNameIsUniquePerDirectoryIgnoringCase() {
    Api.Directory d = Api.newDirectory("okta");
    String name = uniqueName("Partners");
    createGroup(d, name);
    scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\""
                + name.toLowerCase(Locale.ROOT)
                + "\"}")
        .post("/Groups")
        .then()
        .statusCode(409)
        .body("scimType", equalTo("uniqueness"));
    createGroup(Api.newDirectory("okta"), name);
  }

  @Test
  void membersAreAddedAndRemovedOneByOne() {
    Api.Directory d = Api.newDirectory("okta");
    String alice = createUser(d, uniqueUserName());
    String bob = createUser(d, uniqueUserName());
    String carol = createUser(d, uniqueUserName());
    String group = createGroup(d, uniqueName("Support"));
    scim(d)
        .body(
            patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + alice
                    + "\"},{\"value\":\""
                    + bob
                    + "\"},{\"value\":\""
                    + carol
                    + "\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    scim(d)
        .get("/Groups/" + group)
        .then()
        .statusCode(200)
        .body("members.value", containsInAnyOrder(alice, bob, carol))
        .body("members.type", hasItem("User"));
    scim(d)
        .body(patch("{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + bob + "\\\"]\"}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    scim(d).get("/Groups/" + group).then().body("members.value", containsInAnyOrder(alice, carol));
    scim(d).get("/Users/" + alice).then().body("groups.value", hasItem(group));
    scim(d).get("/Users/" + bob).then().body("$", not(hasKey("groups")));
  }

  @Test
  void excludingMembersLeavesThemOutOfReadsAndLists() {
    Api.Directory d = Api.newDirectory("entra");
    String user = createUser(d, uniqueUserName());
    String name = uniqueName("Licensed");
    String group = createGroup(d, name);
    scim(d)
        .body(
            patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user + "\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    scim(d)
        .queryParam("excludedAttributes", "members")
        .get("/Groups/" + group)
        .then()
        .statusCode(200)
        .body("displayName", equalTo(name))
        .body("$", not(hasKey("members")));
    scim(d)
        .queryParam("excludedAttributes", "members")
        .queryParam("filter", "displayName eq \"" + name + "\"")
        .get("/Groups")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(1))
        .body("Resources[0]", not(hasKey("members")));
  }

  @Test
  void membershipIsCheckedByFilterWithoutReadingMembers() {
    Api.Directory d = Api.newDirectory("entra");
    String member = createUser(d, uniqueUserName());
    String stranger = createUser(d, uniqueUserName());
    String group = createGroup(d, uniqueName("Check"));
    scim(d)
        .body(
            patch(
                "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + member + "\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    scim(d)
        .queryParam("filter", "id eq \"" + group + "\" and members eq \"" + member + "\"")
        .queryParam("excludedAttributes", "members")
        .get("/Groups")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(1))
        .body("Resources[0].id", equalTo(group));
    scim(d)
        .queryParam("filter", "id eq \"" + group + "\" and members eq \"" + stranger + "\"")
        .queryParam("excludedAttributes", "members")
        .get("/Groups")
        .then()
        .statusCode(200)
        .body("totalResults", equalTo(0));
  }

  @Test
  void aMemberMustBeAUserOrGroupOfTheSameDirectory() {
    Api.Directory d = Api.newDirectory("okta");
    Api.Directory other = Api.newDirectory("okta");
    String foreign = createUser(other, uniqueUserName());
    String group = createGroup(d, uniqueName("Closed"));
    scim(d)
        .body(
            patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + foreign
                    + "\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(400)
        .body("scimType", equalTo("invalidValue"));
    scim(d)
        .get("/Groups/" + group)
        .then()
        .body("members", hasSize(0))
        .body("meta.version", equalTo("W/\"1\""));
  }

  @Test
  void nestedGroupsAreStoredAsMembersOfTypeGroup() {
    Api.Directory d = Api.newDirectory("generic");
    String inner = createGroup(d, uniqueName("Inner"));
    String outer = createGroup(d, uniqueName("Outer"));
    scim(d)
        .body(
            patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + inner
                    + "\",\"type\":\"Group\"}]}"))
        .patch("/Groups/" + outer)
        .then()
        .statusCode(204);
    scim(d)
        .get("/Groups/" + outer)
        .then()
        .body("members[0].value", equalTo(inner))
        .body("members[0].type", equalTo("Group"));
    scim(d)
        .body(
            patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + outer + "\"}]}"))
        .patch("/Groups/" + outer)
        .then()
        .statusCode(400);
  }

  @Test
  void putReplacesTheMemberList() {
    Api.Directory d = Api.newDirectory("okta");
    String a = createUser(d, uniqueUserName());
    String b = createUser(d, uniqueUserName());
    String name = uniqueName("Replaced");
    String group =
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
            .body("members.value", containsInAnyOrder(a))
            .extract()
            .path("id");
    scim(d)
        .body(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\""
                + name
                + " 2\",\"members\":[{\"value\":\""
                + b
                + "\"}]}")
        .put("/Groups/" + group)
        .then()
        .statusCode(200)
        .body("displayName", equalTo(name + " 2"))
        .body("members.value", containsInAnyOrder(b));
  }

  @Test
  void deletingAGroupRemovesItsMemberships() {
    Api.Directory d = Api.newDirectory("okta");
    String user = createUser(d, uniqueUserName());
    String group = createGroup(d, uniqueName("Gone"));
    scim(d)
        .body(
            patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user + "\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(204);
    scim(d).delete("/Groups/" + group).then().statusCode(204);
    scim(d).get("/Groups/" + group).then().statusCode(404);
    scim(d).get("/Users/" + user).then().statusCode(200).body("$", not(hasKey("groups")));
  }

  @Test
  void groupPatchAnswersTheGroupWhenAttributesAreAskedFor() {
    Api.Directory d = Api.newDirectory("okta");
    String user = createUser(d, uniqueUserName());
    String group = createGroup(d, uniqueName("Answer"));
    scim(d)
        .queryParam("attributes", "members")
        .body(
            patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user + "\"}]}"))
        .patch("/Groups/" + group)
        .then()
        .statusCode(200)
        .body("members.value", containsInAnyOrder(user));
  }
}
