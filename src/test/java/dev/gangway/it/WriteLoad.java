package dev.gangway.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * IdP-like writers for crash and stop tests: each creates users and adds each one to a shared
 * group, and remembers exactly what the server acknowledged (a 201, a 204/200) — what must survive.
 */
final class WriteLoad implements AutoCloseable {
  /**
   * What the server answered that is neither an acknowledgement nor a refusal: a failure to
   * explain.
   */
  record Odd(String request, String outcome) {}

  // HTTP/1.1 as IdPs speak it (the JDK client would otherwise upgrade to h2c: one shared
  // connection that a stopping server cannot ask to close).
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String baseUri;
  private final String token;
  private final String groupId;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();
  final Map<String, String> ackedUsers = new ConcurrentHashMap<>(); // id -> userName
  final Queue<String> ackedMembers = new ConcurrentLinkedQueue<>(); // user ids added to the group
  final Queue<Odd> odd = new ConcurrentLinkedQueue<>();
  final Queue<String> refused = new ConcurrentLinkedQueue<>(); // 503s and connections refused

  WriteLoad(String baseUri, String token, String groupId, int writers) {
    this.baseUri = baseUri;
    this.token = token;
    this.groupId = groupId;
    for (int i = 0; i < writers; i++) {
      Thread t = new Thread(this::write, "write-load-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  private void write() {
    while (running.get()) {
      String userName = "load." + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
      Result created = send("POST", "/scim/v2/Users", Api.user(userName));
      if (created.status() != 201) continue;
      String id = created.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
      ackedUsers.put(id, userName);
      Result added =
          send(
              "PATCH",
              "/scim/v2/Groups/" + groupId,
              Api.patch(
                  "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + id + "\"}]}"));
      if (added.status() == 204 || added.status() == 200) ackedMembers.add(id);
    }
  }

  private record Result(int status, String body) {}

  private Result send(String method, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUri + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", Api.SCIM_JSON)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 503) {
        if (!r.body().contains("urn:ietf:params:scim:api:messages:2.0:Error")) {
          odd.add(new Odd(method + " " + path, "503 without a SCIM error body: " + r.body()));
        }
        refused.add(method + " " + path);
        pause();
      } else if (r.statusCode() >= 500) {
        odd.add(new Odd(method + " " + path, r.statusCode() + " " + r.body()));
        pause();
      }
      return new Result(r.statusCode(), r.body());
    } catch (IOException e) {
      String m = String.valueOf(e.getMessage());
      // A body cut off after its headers is the one transport failure a stop must never cause.
      if (m.contains("content-length") || m.contains("EOF reached while reading")) {
        odd.add(new Odd(method + " " + path, "answer cut off: " + m));
      } else {
        refused.add(method + " " + path + ": " + m);
      }
      pause();
      return new Result(-1, "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "");
    }
  }

  private void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running.set(false);
    for (Thread t : threads) {
      try {
        t.join(40_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
