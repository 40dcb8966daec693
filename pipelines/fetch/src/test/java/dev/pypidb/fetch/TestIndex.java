package dev.pypidb.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An HTTP server on loopback for the tests: static bodies by path (with ETag, If-None-Match and
 * single ranges), and per-path faults served before the real answer.
 */
final class TestIndex implements AutoCloseable {
  /** A canned answer for a request, or null to serve the path normally. */
  interface Fault extends Function<HttpExchange, Boolean> {}

  private final HttpServer server;
  final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
  final Map<String, String> types = new ConcurrentHashMap<>();
  final Map<String, List<Fault>> faults = new ConcurrentHashMap<>();
  final List<String> log = Collections.synchronizedList(new ArrayList<>());

  TestIndex() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  void put(String path, byte[] body, String type) {
    bodies.put(path, body);
    types.put(path, type);
  }

  /** Faults for a path, used one per request in order. */
  void fault(String path, Fault... f) {
    faults.computeIfAbsent(path, k -> Collections.synchronizedList(new ArrayList<>())).addAll(List.of(f));
  }

  static Fault status(int status, Map<String, String> headers) {
    return ex -> {
      headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      reply(ex, status, new byte[0]);
      return true;
    };
  }

  static Fault stall(long millis) {
    return ex -> {
      try {
        ex.sendResponseHeaders(200, 0);
        ex.getResponseBody().write(new byte[] {'{'});
        ex.getResponseBody().flush();
        Thread.sleep(millis);
        ex.close();
      } catch (IOException | InterruptedException e) {
        // the client went away
      }
      return true;
    };
  }

  /** The right headers, half the body, then the connection closes. */
  Fault truncate(String path) {
    return ex -> {
      byte[] b = bodies.get(path);
      try {
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b, 0, b.length / 2);
        ex.getResponseBody().flush();
      } catch (IOException e) {
        // expected
      }
      ex.getHttpContext().getServer();
      ex.close();
      return true;
    };
  }

  /** The body with its last byte changed: a hash mismatch. */
  Fault corrupt(String path) {
    return ex -> {
      byte[] b = bodies.get(path).clone();
      b[b.length - 1] ^= 0x20;
      reply(ex, 200, b);
      return true;
    };
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    log.add(path + (ex.getRequestHeaders().containsKey("Range") ? " " + ex.getRequestHeaders().getFirst("Range") : ""));
    List<Fault> f = faults.get(path);
    if (f != null && !f.isEmpty() && f.remove(0).apply(ex)) {
      return;
    }
    byte[] body = bodies.get(path);
    if (body == null) {
      reply(ex, 404, new byte[0]);
      return;
    }
    String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
    ex.getResponseHeaders().add("ETag", etag);
    ex.getResponseHeaders().add("Content-Type", types.get(path));
    if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
      ex.sendResponseHeaders(304, -1);
      ex.close();
      return;
    }
    String range = ex.getRequestHeaders().getFirst("Range");
    if (range != null && range.startsWith("bytes=")) {
      String[] r = range.substring(6).split("-", 2);
      long start;
      long end;
      if (r[0].isEmpty()) {
        start = Math.max(0, body.length - Long.parseLong(r[1]));
        end = body.length - 1;
      } else {
        start = Long.parseLong(r[0]);
        end = r[1].isEmpty() ? body.length - 1 : Math.min(Long.parseLong(r[1]), body.length - 1);
      }
      ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + end + "/" + body.length);
      reply(ex, 206, java.util.Arrays.copyOfRange(body, (int) start, (int) end + 1));
      return;
    }
    reply(ex, 200, body);
  }

  static void reply(HttpExchange ex, int status, byte[] body) {
    try {
      ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
