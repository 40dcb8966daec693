package dev.pypidb.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPInputStream;

/**
 * GET requests with the politeness and robustness of pip, uv and bandersnatch: at most
 * {@code perHost} requests in flight to one host, a User-Agent naming pypidb, retries with
 * backoff and jitter ({@link RetryPolicy}), Retry-After honoured, a stall of {@code timeout}
 * without a byte ends an attempt, bodies streamed to disk with their sha256 computed on the
 * way and checked against what the index says. Only a response that arrived whole and verified
 * is returned.
 */
public final class HttpTransport {
  /** How requests are made. */
  public record Settings(String userAgent, Duration timeout, RetryPolicy retry, int perHost) {}

  /** Where a 2xx body goes and what it must be. */
  public record Target(Path file, long maxBytes, String sha256, Long size, boolean gzip, boolean range) {
    /** Into {@code file}, at most {@code maxBytes}, checked against {@code sha256}/{@code size} when given. */
    public static Target file(Path file, long maxBytes, String sha256, Long size) {
      return new Target(file, maxBytes, sha256, size, false, false);
    }

    /** An index page: gzip accepted (and inflated into {@code file}, bounded by {@code maxBytes}). */
    public static Target page(Path file, long maxBytes) {
      return new Target(file, maxBytes, null, null, true, false);
    }

    /**
     * A range read into memory, at most {@code maxBytes}: only a 206 body is kept; a 200 (a
     * server that ignores Range) is returned without its body, the transfer cut short.
     */
    public static Target range(int maxBytes) {
      return new Target(null, maxBytes, null, null, false, true);
    }
  }

  /**
   * A response that arrived in full: a 2xx with its body checked, or any other final status.
   *
   * @param body the bytes of a memory target's 2xx body, else null
   * @param sha256 of the body as stored (inflated), for a 2xx
   */
  public record Reply(int status, HttpHeaders headers, long bytes, String sha256, byte[] body) {
    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }
  }

  private static final int ERROR_BODY_LIMIT = 64 * 1024;
  private final HttpClient client;
  private final Settings settings;
  private final FetchStats stats;
  private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();
  private final RandomGenerator random = RandomGenerator.getDefault();

  public HttpTransport(Settings settings, FetchStats stats) {
    this.settings = settings;
    this.stats = stats;
    this.client = HttpClient.newBuilder()
        .connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  public FetchStats stats() {
    return stats;
  }

  /** GET {@code uri}; retries until a final answer or the retry budget is spent. */
  public Reply get(URI uri, Map<String, String> headers, Target target) throws FetchFailure, InterruptedException {
    Semaphore host = hosts.computeIfAbsent(uri.getScheme() + "://" + uri.getAuthority(),
        h -> new Semaphore(settings.perHost(), true));
    RetryPolicy policy = settings.retry();
    for (int attempt = 0; ; attempt++) {
      Outcome o;
      host.acquire();
      try {
        o = exchange(uri, headers, target);
      } finally {
        host.release();
      }
      if (o.reply() != null) {
        return o.reply();
      }
      stats.problem(o.kind());
      if (!o.retryable() || attempt >= policy.retries()) {
        throw new FetchFailure(o.problem() + (o.retryable() ? " (gave up after " + (attempt + 1) + " attempts)" : ""));
      }
      Duration wait = o.retryAfter() != null ? o.retryAfter() : policy.backoff(attempt + 1, random);
      if (o.retryAfter() != null && o.retryAfter().compareTo(policy.maxRetryAfter()) > 0) {
        throw new FetchFailure(o.problem() + ": Retry-After of " + o.retryAfter().toSeconds()
            + " s exceeds the bound of " + policy.maxRetryAfter().toSeconds() + " s");
      }
      stats.retry();
      Thread.sleep(wait.toMillis());
    }
  }

  /** One attempt: a reply, or why it failed and whether another attempt may help. */
  private record Outcome(Reply reply, String problem, String kind, boolean retryable, Duration retryAfter) {
    static Outcome failed(String problem, String kind, boolean retryable) {
      return new Outcome(null, problem, kind, retryable, null);
    }
  }

  private Outcome exchange(URI uri, Map<String, String> headers, Target target) throws InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().timeout(settings.timeout())
        .header("User-Agent", settings.userAgent());
    headers.forEach(b::header);
    if (target.gzip()) {
      b.header("Accept-Encoding", "gzip");
    }
    Activity activity = new Activity();
    stats.request();
    CompletableFuture<HttpResponse<Void>> f = client.sendAsync(b.build(), info -> {
      activity.touch();
      boolean success = info.statusCode() / 100 == 2 && !(target.range() && info.statusCode() != 206);
      Sink sink = new Sink(activity, success ? target : null);
      activity.sink = sink;
      return sink;
    });
    HttpResponse<Void> response;
    long timeoutNanos = settings.timeout().toNanos();
    while (true) {
      try {
        response = f.get(100, TimeUnit.MILLISECONDS);
        break;
      } catch (TimeoutException e) {
        if (System.nanoTime() - activity.last > timeoutNanos) {
          f.cancel(true);
          Sink s = activity.sink;
          if (s != null) {
            s.abort();
          }
          return Outcome.failed(uri + ": no data for " + settings.timeout().toMillis() + " ms"
              + (s == null ? " (no response)" : " (body stalled after " + s.count + " bytes)"), "timeout", true);
        }
      } catch (ExecutionException e) {
        Sink s = activity.sink;
        if (s != null) {
          s.abort();
        }
        Throwable c = e.getCause() == null ? e : e.getCause();
        if (c instanceof BoundExceeded) {
          return Outcome.failed(uri + ": " + c.getMessage(), "too large", false);
        }
        if (c instanceof HttpTimeoutException) {
          return Outcome.failed(uri + ": no response within " + settings.timeout().toMillis() + " ms", "timeout", true);
        }
        if (c instanceof ConnectException) {
          return Outcome.failed(uri + ": cannot connect: " + describe(c), "connection", true);
        }
        if (c instanceof IOException) {
          return Outcome.failed(uri + ": " + describe(c), "connection", true);
        }
        return Outcome.failed(uri + ": " + describe(c), "error", false);
      }
    }
    int status = response.statusCode();
    stats.status(status);
    Sink sink = activity.sink;
    stats.bytes(sink.count);
    if (status / 100 != 2 || target.range() && status != 206) {
      if (RetryPolicy.retryable(status)) {
        Duration after = status == 429 || status == 503
            ? RetryPolicy.parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null), Instant.now()).orElse(null)
            : null;
        return new Outcome(null, uri + ": HTTP " + status, "HTTP " + status, true, after);
      }
      return new Outcome(new Reply(status, response.headers(), sink.count, null, null), null, null, false, null);
    }
    try {
      return checked(uri, response, sink, target);
    } catch (IOException e) {
      return Outcome.failed(uri + ": " + describe(e), "connection", true);
    }
  }

  /** The 2xx body: inflated if it came gzip-encoded, then checked against size and sha256. */
  private Outcome checked(URI uri, HttpResponse<Void> response, Sink sink, Target target) throws IOException {
    String sha;
    long stored = sink.count;
    boolean gzipped = target.gzip() && response.headers().firstValue("Content-Encoding")
        .map(v -> v.strip().equalsIgnoreCase("gzip")).orElse(false);
    if (gzipped) {
      Path raw = target.file().resolveSibling(target.file().getFileName() + ".gz");
      Files.move(target.file(), raw, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      MessageDigest d = sha256();
      stored = 0;
      try (InputStream in = new GZIPInputStream(Files.newInputStream(raw));
          OutputStream out = Files.newOutputStream(target.file())) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          stored += n;
          if (stored > target.maxBytes()) {
            return Outcome.failed(uri + ": more than " + target.maxBytes() + " bytes once inflated", "too large", false);
          }
          d.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      } catch (java.util.zip.ZipException e) {
        return Outcome.failed(uri + ": corrupt gzip body: " + e.getMessage(), "corrupt", true);
      } finally {
        Files.deleteIfExists(raw);
      }
      sha = HexFormat.of().formatHex(d.digest());
    } else {
      sha = sink.hex();
    }
    if (target.size() != null && target.size() != stored) {
      return Outcome.failed(uri + ": " + stored + " bytes, the index says " + target.size(), "size mismatch", true);
    }
    if (target.sha256() != null && !target.sha256().equalsIgnoreCase(sha)) {
      return Outcome.failed(uri + ": sha256 " + sha + " differs from the index's " + target.sha256(),
          "sha256 mismatch", true);
    }
    return new Outcome(new Reply(response.statusCode(), response.headers(), sink.count, sha,
        target.file() == null ? sink.memory.toByteArray() : null), null, null, false, null);
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null || m.isEmpty() ? "" : ": " + m);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** When the exchange last made progress, and its body subscriber once headers came. */
  private static final class Activity {
    volatile long last = System.nanoTime();
    volatile Sink sink;

    void touch() {
      last = System.nanoTime();
    }
  }

  /** A body larger than its bound. */
  private static final class BoundExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    BoundExceeded(String message) {
      super(message);
    }
  }

  /**
   * Receives a body: into a file or memory (2xx), or counted and dropped (other statuses, at
   * most 64 KiB); sha256 on the way; cancels the exchange when a bound is passed.
   */
  private static final class Sink implements HttpResponse.BodySubscriber<Void> {
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Activity activity;
    private final Target target;
    private final MessageDigest digest = HttpTransport.sha256();
    private final long limit;
    private FileChannel channel;
    private ByteArrayOutputStream memory;
    private volatile Flow.Subscription subscription;
    volatile long count;

    Sink(Activity activity, Target target) {
      this.activity = activity;
      this.target = target;
      this.limit = target == null ? ERROR_BODY_LIMIT : target.maxBytes();
    }

    @Override
    public CompletableFuture<Void> getBody() {
      return done;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      try {
        if (target != null && target.file() != null) {
          channel = FileChannel.open(target.file(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
        } else if (target != null) {
          memory = new ByteArrayOutputStream();
        }
        s.request(1);
      } catch (IOException e) {
        s.cancel();
        done.completeExceptionally(e);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      activity.touch();
      try {
        for (ByteBuffer b : buffers) {
          int n = b.remaining();
          if (count + n > limit) {
            if (target == null) {
              // A body nobody reads (an error page, a whole file sent for a range): enough was seen.
              subscription.cancel();
              done.complete(null);
              return;
            }
            throw new BoundExceeded("body exceeds the bound of " + limit + " bytes");
          }
          count += n;
          if (target != null) {
            digest.update(b.duplicate());
            if (channel != null) {
              while (b.hasRemaining()) {
                channel.write(b);
              }
            } else {
              byte[] a = new byte[n];
              b.get(a);
              memory.write(a, 0, n);
            }
          }
        }
        subscription.request(1);
      } catch (IOException e) {
        subscription.cancel();
        closeQuietly();
        done.completeExceptionally(e);
      }
    }

    @Override
    public void onError(Throwable t) {
      closeQuietly();
      done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      try {
        if (channel != null) {
          channel.close();
        }
        done.complete(null);
      } catch (IOException e) {
        done.completeExceptionally(e);
      }
    }

    String hex() {
      return HexFormat.of().formatHex(digest.digest());
    }

    void abort() {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
      closeQuietly();
    }

    private void closeQuietly() {
      try {
        if (channel != null) {
          channel.close();
        }
      } catch (IOException e) {
        // the attempt failed already; its file is overwritten or deleted
      }
    }
  }
}
