package dev.gangway.it;

import static dev.gangway.it.Api.patch;
import static dev.gangway.it.Api.scim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
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
        results.add(pool.submit(() -> scim(d)
            .body(patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + u + "\"}]}"))
            .patch("/Groups/" + group).statusCode()));
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
      Future<Integer> a = pool.submit(() -> scim(d)
          .body(patch("{\"op\":\"Replace\",\"path\":\"title\",\"value\":\"Captain\"}")).patch("/Users/" + id).statusCode());
      Future<Integer> b = pool.submit(() -> scim(d)
          .body(patch("{\"op\":\"Replace\",\"path\":\"nickName\",\"value\":\"Cap\"}")).patch("/Users/" + id).statusCode());
      assertThat(a.get()).isEqualTo(200);
      assertThat(b.get()).isEqualTo(200);
    } finally {
      pool.shutdown();
    }
    scim(d).get("/Users/" + id).then().body("title", equalTo("Captain")).body("nickName", equalTo("Cap"))
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
        results.add(pool.submit(() -> scim(d).body(Api.user(userName)).post("/Users").statusCode()));
      }
      List<Integer> codes = new ArrayList<>();
      for (Future<Integer> r : results) codes.add(r.get());
      assertThat(codes).containsOnlyOnce(201).containsOnly(201, 409);
    } finally {
      pool.shutdown();
    }
    scim(d).queryParam("filter", "userName eq \"" + userName + "\"").get("/Users").then().body("totalResults", equalTo(1));
  }
}
