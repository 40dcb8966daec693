package dev.pypidb.fetch;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * One file of a project page, as PEP 691 (or PEP 503 HTML) describes it.
 *
 * @param url absolute, its fragment removed; null when the entry has no usable URL
 * @param hashes algorithm (lower case) to hex digest (lower case)
 * @param yanked null when the index says nothing, else whether the file is yanked
 * @param yankedReason the reason, when one is given
 * @param metadata whether the index serves {@code <url>.metadata} (PEP 658/714)
 * @param metadataSha256 the sha256 of that metadata file, when the index gives it
 * @param size bytes (PEP 700), null when not given
 */
public record DistFile(String filename, URI url, Map<String, String> hashes, String requiresPython,
    Boolean yanked, String yankedReason, boolean metadata, String metadataSha256, Long size,
    String uploadTime) {

  public DistFile {
    hashes = Map.copyOf(hashes);
  }

  /** The index's sha256 of the file, or null. */
  public String sha256() {
    return hashes.get("sha256");
  }

  public boolean isWheel() {
    return filename.toLowerCase(Locale.ROOT).endsWith(".whl");
  }

  /** An sdist by its extension (PEP 625's .tar.gz and the legacy ones). */
  public boolean isSdist() {
    String f = filename.toLowerCase(Locale.ROOT);
    return f.endsWith(".tar.gz") || f.endsWith(".tgz") || f.endsWith(".tar.bz2") || f.endsWith(".tar.xz")
        || f.endsWith(".zip") || f.endsWith(".tar");
  }
}
