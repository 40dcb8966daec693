package dev.pypidb.fetch;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one fetch, shared by every worker: requests, bytes, statuses, retries, causes. */
public final class FetchStats {
  private final LongAdder requests = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> problems = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void request() {
    requests.increment();
  }

  void bytes(long n) {
    bytes.add(n);
  }

  void status(int status) {
    statuses.computeIfAbsent(Integer.toString(status), k -> new LongAdder()).increment();
  }

  void retry() {
    retries.increment();
  }

  /** A failed attempt, by kind (timeout, connection, sha256 mismatch, 503 ...). */
  void problem(String kind) {
    problems.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  /** A named count (files downloaded, files linked, ...). */
  public void count(String name, long n) {
    counts.computeIfAbsent(name, k -> new LongAdder()).add(n);
  }

  public long requests() {
    return requests.sum();
  }

  public long bytes() {
    return bytes.sum();
  }

  public long retries() {
    return retries.sum();
  }

  public Map<String, Long> statuses() {
    return snapshot(statuses);
  }

  public Map<String, Long> problems() {
    return snapshot(problems);
  }

  public Map<String, Long> counts() {
    return snapshot(counts);
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> m) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
