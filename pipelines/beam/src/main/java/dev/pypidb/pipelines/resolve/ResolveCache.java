package dev.pypidb.pipelines.resolve;

import dev.pypidb.pipelines.tables.ParquetFiles;
import dev.pypidb.pipelines.tables.Table;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The resolve cache: each result with the fingerprint of every project it consulted. A result
 * is reused only when all of them are unchanged in the new tables, so changing one project
 * re-resolves exactly the environments that looked at it.
 */
public final class ResolveCache {
  /**
   * The resolver's rules in force (candidate choice, opt-ins, budgets): results cached under
   * other rules are never reused. Raise it whenever a resolution's result may change.
   */
  static final String RULES = "pypidb-resolver 2";

  private ResolveCache() {}

  /** A cached result: what it consulted ({@code name fingerprint}) and the row as JSON. */
  public record Entry(List<String> consulted, String result) implements Serializable {}

  /**
   * The cache key of one resolution: the resolver's {@link #RULES}, policy, target, step budget
   * (a {@code budget_exhausted} verdict depends on it) and the requirement strings as written,
   * in sorted order. Not normalized on purpose: explanations quote requirements as the user
   * wrote them, so {@code App} and {@code app} give different rows.
   */
  static String key(String policy, String target, long stepBudget, List<String> requirements) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((RULES + "\n" + policy + "\n" + target + "\n" + stepBudget + "\n")
          .getBytes(StandardCharsets.UTF_8));
      for (String r : new TreeSet<>(requirements)) {
        md.update((r + "\n").getBytes(StandardCharsets.UTF_8));
      }
      StringBuilder hex = new StringBuilder();
      for (byte b : md.digest()) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a cache directory written by an earlier run; empty when there is none yet. */
  public static Map<String, Entry> read(String dir) throws IOException {
    Map<String, Entry> out = new HashMap<>();
    if (dir == null) {
      return out;
    }
    ParquetFiles.scanTable(dir, Table.RESOLVE_CACHE.dirName(), r -> {
      List<String> consulted = new ArrayList<>();
      ((List<?>) r.get("consulted")).forEach(x -> consulted.add(x.toString()));
      out.put(r.get("key").toString(), new Entry(consulted, r.get("result").toString()));
    });
    return out;
  }

  /** The consulted projects whose fingerprint is no longer the one the result saw. */
  static List<String> changed(Entry e, Map<String, String> fingerprints) {
    List<String> out = new ArrayList<>();
    for (String c : e.consulted()) {
      int space = c.indexOf(' ');
      if (!c.substring(space + 1).equals(fingerprints.getOrDefault(c.substring(0, space), "-"))) {
        out.add(c.substring(0, space));
      }
    }
    return out;
  }

  /** Whether every consulted project still has the fingerprint it had. */
  static boolean valid(Entry e, Map<String, String> fingerprints) {
    for (String c : e.consulted()) {
      int space = c.indexOf(' ');
      String name = c.substring(0, space);
      String fp = c.substring(space + 1);
      if (!fp.equals(fingerprints.getOrDefault(name, "-"))) {
        return false;
      }
    }
    return true;
  }
}
