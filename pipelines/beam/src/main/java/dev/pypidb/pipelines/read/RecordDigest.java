package dev.pypidb.pipelines.read;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A digest of what a record says, independent of where it was found: equal digests mean equal
 * content (duplicate detection), and a project's record digests make its fingerprint.
 */
final class RecordDigest {
  private RecordDigest() {}

  static String of(RawRecord r) {
    MessageDigest md = sha256();
    add(md, r.kind.name());
    add(md, r.format.label());
    add(md, r.project);
    add(md, r.version);
    add(md, r.filename);
    add(md, r.packagetype);
    add(md, r.pythonVersion);
    add(md, r.size == null ? null : r.size.toString());
    add(md, r.sha256);
    add(md, r.uploadTimeMicros == null ? null : r.uploadTimeMicros.toString());
    add(md, r.requiresPython);
    add(md, r.yanked == null ? null : r.yanked.toString());
    add(md, r.yankedReason);
    addList(md, r.requiresDist);
    addList(md, r.providesExtra);
    // Added later: only present values enter the digest, so records without them keep the
    // digests (and projects the fingerprints) earlier outputs recorded.
    if (r.metadataVersion != null || r.dynamic != null) {
      md.update((byte) 4);
      add(md, r.metadataVersion);
      addList(md, r.dynamic);
    }
    if (r.sdistBuilds == null) {
      add(md, null);
    } else {
      for (Map.Entry<String, String> e : new TreeMap<>(r.sdistBuilds).entrySet()) {
        add(md, e.getKey());
        add(md, e.getValue());
      }
    }
    return hex(md.digest(), 16);
  }

  private static void addList(MessageDigest md, List<String> values) {
    if (values == null) {
      add(md, null);
      return;
    }
    md.update((byte) 2);
    for (String v : values) {
      add(md, v);
    }
    md.update((byte) 3);
  }

  private static void add(MessageDigest md, String value) {
    if (value == null) {
      md.update((byte) 0);
      return;
    }
    md.update((byte) 1);
    md.update(value.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] bytes, int n) {
    StringBuilder out = new StringBuilder(n * 2);
    for (int i = 0; i < n; i++) {
      out.append(Character.forDigit((bytes[i] >> 4) & 0xf, 16)).append(Character.forDigit(bytes[i] & 0xf, 16));
    }
    return out.toString();
  }
}
