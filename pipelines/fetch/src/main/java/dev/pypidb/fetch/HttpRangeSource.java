package dev.pypidb.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A remote file read with HTTP range requests. Each 206 answer must carry the Content-Range
 * asked for; the total length must match the index's size when it gives one.
 */
final class HttpRangeSource implements RangeSource {
  /** The server answered a range request with the whole file (200): it does not do ranges. */
  static final class RangesUnsupported extends IOException {
    private static final long serialVersionUID = 1L;

    RangesUnsupported(String message) {
      super(message);
    }
  }

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
  private final HttpTransport http;
  private final URI uri;
  private final Long size;

  HttpRangeSource(HttpTransport http, URI uri, Long size) {
    this.http = http;
    this.uri = uri;
    this.size = size;
  }

  @Override
  public Tail tail(int n) throws IOException {
    Range r = get("bytes=-" + n, n);
    if (r.end() != r.total() - 1 || r.bytes().length != r.end() - r.start() + 1) {
      throw new FetchFailure(uri + ": the suffix range of " + n + " bytes came as " + r.start() + "-" + r.end() + "/" + r.total());
    }
    return new Tail(r.bytes(), r.total());
  }

  @Override
  public byte[] read(long offset, int length) throws IOException {
    if (length == 0) {
      return new byte[0];
    }
    Range r = get("bytes=" + offset + "-" + (offset + length - 1), length);
    if (r.start() != offset || r.bytes().length != length) {
      throw new FetchFailure(uri + ": asked for " + length + " bytes at " + offset + ", got " + r.bytes().length
          + " at " + r.start());
    }
    return r.bytes();
  }

  private record Range(byte[] bytes, long start, long end, long total) {}

  private Range get(String range, int max) throws IOException {
    HttpTransport.Reply reply;
    try {
      reply = http.get(uri, Map.of("Range", range), HttpTransport.Target.range(max));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading " + uri);
    }
    if (reply.status() == 200) {
      throw new RangesUnsupported(uri + " was sent whole for a Range request");
    }
    if (reply.status() != 206) {
      throw new FetchFailure(uri + ": HTTP " + reply.status() + " for Range " + range);
    }
    Matcher m = CONTENT_RANGE.matcher(reply.header("Content-Range").orElse(""));
    if (!m.matches()) {
      throw new FetchFailure(uri + ": a 206 answer without a usable Content-Range ("
          + reply.header("Content-Range").orElse("none") + ")");
    }
    long total = Long.parseLong(m.group(3));
    if (size != null && total != size) {
      throw new FetchFailure(uri + ": " + total + " bytes long, the index says " + size);
    }
    return new Range(reply.body(), Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), total);
  }
}
