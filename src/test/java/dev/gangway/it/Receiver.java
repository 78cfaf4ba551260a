package dev.gangway.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook receiver on a loopback port: records every request it gets; can be stopped and started
 * again on its port.
 */
final class Receiver implements AutoCloseable {
  /** One request as received: its headers (lower-case names) and body. */
  record Request(Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name);
    }
  }

  private final List<Request> requests = new ArrayList<>();
  private final AtomicInteger answer = new AtomicInteger(204);
  private final AtomicLong received = new AtomicLong();

  /** False: only count requests (a benchmark's receiver, which must not fill the heap). */
  private final boolean keep;

  private int port;
  private HttpServer server;

  Receiver() throws IOException {
    this(true);
  }

  Receiver(boolean keep) throws IOException {
    this.keep = keep;
    start(0);
  }

  long received() {
    return received.get();
  }

  synchronized void start(int onPort) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 50);
    server.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          Map<String, String> headers = new TreeMap<>();
          exchange
              .getRequestHeaders()
              .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
          received.incrementAndGet();
          if (keep) {
            synchronized (Receiver.this) {
              requests.add(new Request(headers, new String(body, StandardCharsets.UTF_8)));
            }
          }
          exchange.sendResponseHeaders(answer.get(), -1);
          exchange.close();
        });
    server.start();
    port = server.getAddress().getPort();
  }

  /** Down: nothing listens on the port any more (connections are refused). */
  synchronized void stop() {
    server.stop(0);
  }

  synchronized void restart() throws IOException {
    start(port);
  }

  String url() {
    return "http://127.0.0.1:" + port + "/hooks/gangway";
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
