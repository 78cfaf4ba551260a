package dev.gangway.it;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmarks share: an HTTP client, timing statistics and a tiny JSON field reader. */
final class BenchSupport {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  private BenchSupport() {}

  static void report(String label, long[] nanos) {
    System.out.printf("%-52s %10.2f %10.2f%n", label, median(nanos), percentile(nanos, 95));
  }

  static double median(long[] nanos) {
    return percentile(nanos, 50);
  }

  static double percentile(long[] nanos, int p) {
    List<Long> sorted = new ArrayList<>();
    for (long n : nanos) sorted.add(n);
    Collections.sort(sorted);
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, i)) / 1_000_000.0;
  }

  static String send(HttpRequest r, int expected) throws Exception {
    HttpResponse<String> response = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          r.method()
              + " "
              + r.uri()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return response.body();
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]+)").matcher(json);
    if (!m.find()) throw new IllegalStateException("no " + name + " in " + json);
    return m.group(1);
  }
}
