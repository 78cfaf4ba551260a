package dev.gangway.it;

import static dev.gangway.it.Api.patch;
import static dev.gangway.it.Api.scim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Two IdP threads writing at once lose nothing: versions and constraints, not locks. */
class ConcurrencyIT {

  @Test
  void parallelMemberAddsToOneGroupAreAllKept() throws Exception {
    Api.Directory d = Api.newDirectory("okta");
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 24; i++) users.add(Api.createUser(d, Api.uniqueUserName()));
    String group = Api.createGroup(d, Api.uniqueName("Busy"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (String u : users) {
        results.add(
            pool.submit(
                () ->
                    scim(d)
                        .body(
                            patch(
                                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                                    + u
                                    + "\"}]}"))
                        .patch("/Groups/" + group)
                        .statusCode()));
      }
      for (Future<Integer> r : results) assertThat(r.get()).isEqualTo(204);
    } finally {
      pool.shutdown();
    }
    List<String> members = scim(d).get("/Groups/" + group).then().extract().path("members.value");
    assertThat(members).containsExactlyInAnyOrderElementsOf(users);
  }

  @Test
  void parallelPatchesOfOneUserBothApply() throws Exception {
    Api.Directory d = Api.newDirectory("entra");
    String id = Api.createUser(d, Api.uniqueUserName());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> a =
          pool.submit(
              () ->
                  scim(d)
                      .body(patch("{\"op\":\"Replace\",\"path\":\"title\",\"value\":\"Captain\"}"))
                      .patch("/Users/" + id)
                      .statusCode());
      Future<Integer> b =
          pool.submit(
              () ->
                  scim(d)
                      .body(patch("{\"op\":\"Replace\",\"path\":\"nickName\",\"value\":\"Cap\"}"))
                      .patch("/Users/" + id)
                      .statusCode());
      assertThat(a.get()).isEqualTo(200);
      assertThat(b.get()).isEqualTo(200);
    } finally {
      pool.shutdown();
    }
    scim(d)
        .get("/Users/" + id)
        .then()
        .body("title", equalTo("Captain"))
        .body("nickName", equalTo("Cap"))
        .body("meta.version", equalTo("W/\"3\""));
  }

  @Test
  void parallelCreatesOfOneUserNameMakeExactlyOneUser() throws Exception {
    Api.Directory d = Api.newDirectory("okta");
    String userName = Api.uniqueUserName();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<Integer>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        results.add(
            pool.submit(() -> scim(d).body(Api.user(userName)).post("/Users").statusCode()));
      }
      List<Integer> codes = new ArrayList<>();
      for (Future<Integer> r : results) codes.add(r.get());
      assertThat(codes).containsOnlyOnce(201).containsOnly(201, 409);
    } finally {
      pool.shutdown();
    }
    scim(d)
        .queryParam("filter", "userName eq \"" + userName + "\"")
        .get("/Users")
        .then()
        .body("totalResults", equalTo(1));
  }

  @Test
  void sixteenConcurrentPatchesOfOneUserWithoutIfMatchAllApply() throws Exception {
    Api.Directory d = Api.newDirectory("okta");
    String id = Api.createUser(d, Api.uniqueUserName());
    int writers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<String> added = new ArrayList<>();
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String email = "alias" + i + "." + id.substring(0, 8) + "@example.com";
        added.add(email);
        // each adds one email: a lost update would show as a missing one
        results.add(
            pool.submit(
                () ->
                    scim(d)
                        .body(
                            patch(
                                "{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\""
                                    + email
                                    + "\",\"type\":\"other\"}]}"))
                        .patch("/Users/" + id)
                        .statusCode()));
      }
      for (Future<Integer> r : results) assertThat(r.get()).isEqualTo(200);
    } finally {
      pool.shutdown();
    }
    var doc = scim(d).get("/Users/" + id).then().statusCode(200).extract().jsonPath();
    List<String> emails = doc.getList("emails.value");
    assertThat(emails).containsAll(added).hasSize(writers + 1);
    assertThat(doc.getString("meta.version")).isEqualTo("W/\"" + (writers + 1) + "\"");
    // with If-Match, a version another writer has moved past is still refused
    scim(d)
        .header("If-Match", "W/\"1\"")
        .body(patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Late\"}"))
        .patch("/Users/" + id)
        .then()
        .statusCode(412);
  }

  @Test
  void concurrentPutsOfOneUserAllAnswerAndTheLastOneWins() throws Exception {
    Api.Directory d = Api.newDirectory("okta");
    String userName = Api.uniqueUserName();
    String id = Api.createUser(d, userName);
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<String> titles = new ArrayList<>();
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String title = "Title " + i;
        titles.add(title);
        String body = Api.user(userName).replaceFirst("\\}$", ",\"title\":\"" + title + "\"}");
        results.add(pool.submit(() -> scim(d).body(body).put("/Users/" + id).statusCode()));
      }
      for (Future<Integer> r : results) assertThat(r.get()).isEqualTo(200);
    } finally {
      pool.shutdown();
    }
    var doc = scim(d).get("/Users/" + id).then().statusCode(200).extract().jsonPath();
    assertThat(titles).contains(doc.getString("title"));
    assertThat(doc.getString("meta.version")).isEqualTo("W/\"" + (writers + 1) + "\"");
  }

  @Test
  void concurrentAdminWritesNeverAnswer500() throws Exception {
    Api.Directory d = Api.newDirectory("okta");
    String project = "p" + UUID.randomUUID().toString().substring(0, 8);
    Api.admin()
        .body("{\"key\":\"" + project + "\",\"name\":\"Busy project\"}")
        .post("/projects")
        .then()
        .statusCode(201);
    int writers = 8;
    List<String> groups = new ArrayList<>();
    List<String> users = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      groups.add(Api.createGroup(d, Api.uniqueName("Team")));
      users.add(Api.createUser(d, Api.uniqueUserName()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(writers * 2);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String g = groups.get(i);
        String u = users.get(i);
        // bindings (admin) race member adds (SCIM) on the same groups and the project's grants
        results.add(
            pool.submit(
                () ->
                    Api.admin()
                        .body("{\"role\":\"agents\",\"group\":\"" + g + "\"}")
                        .post("/projects/" + project + "/bindings")
                        .statusCode()));
        results.add(
            pool.submit(
                () ->
                    scim(d)
                        .body(
                            patch(
                                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                                    + u
                                    + "\"}]}"))
                        .patch("/Groups/" + g)
                        .statusCode()));
      }
      for (Future<Integer> r : results) assertThat(r.get()).isIn(201, 204);
    } finally {
      pool.shutdown();
    }
    List<String> bound =
        Api.admin()
            .get("/projects/" + project + "/bindings")
            .then()
            .statusCode(200)
            .extract()
            .path("subject.id");
    assertThat(bound).containsExactlyInAnyOrderElementsOf(groups);
    for (int i = 0; i < writers; i++) {
      List<String> members =
          scim(d).get("/Groups/" + groups.get(i)).then().extract().path("members.value");
      assertThat(members).containsExactly(users.get(i));
    }
    // neither race loses the grant: each member has the role its group's binding gives
    List<String> withAccess =
        Api.admin()
            .get("/projects/" + project + "/access")
            .then()
            .statusCode(200)
            .extract()
            .path("entries.userId");
    assertThat(withAccess).containsExactlyInAnyOrderElementsOf(users);
  }

  @Test
  void parallelAdminCreatesOfOneCompanyKeyMakeExactlyOne() throws Exception {
    String key = "race-" + UUID.randomUUID().toString().substring(0, 8);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<Integer>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        // the losers of the unique-key race are retried as a whole and then meet the domain's check
        results.add(
            pool.submit(
                () ->
                    Api.admin()
                        .body(
                            "{\"key\":\""
                                + key
                                + "\",\"name\":\"Race\",\"domains\":[\""
                                + key
                                + ".example\"]}")
                        .post("/companies")
                        .statusCode()));
      }
      List<Integer> codes = new ArrayList<>();
      for (Future<Integer> r : results) codes.add(r.get());
      assertThat(codes).containsOnlyOnce(201).containsOnly(201, 409);
    } finally {
      pool.shutdown();
    }
  }
}
