package dev.pypidb.fetch;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * What a project directory of the raw tree holds, kept beside its files as {@code .project.json}
 * (hidden, so {@code normalize} passes over it): the serial and ETag it was fetched at, every
 * stored file with its sha256, and a digest of them all that says whether two fetches stored the
 * same thing.
 *
 * @param serial {@code _last-serial} of the page (or of the root listing), null if the index gives none
 * @param etag the page's ETag, for conditional requests
 * @param digest sha256 over the sorted (path, sha256) pairs of {@code files}
 * @param foreignNames canonical project names that metadata files of this directory declare
 *     other than the directory's own (normalize files those records under the other project)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProjectState(String name, Long serial, String etag, String pageUrl, String digest,
    List<StoredFile> files, List<String> foreignNames) {

  /**
   * One stored file.
   *
   * @param path its name in the project directory
   * @param kind {@code page}, {@code metadata} or {@code archive}
   * @param sha256 of the stored bytes
   * @param distribution the distribution file it belongs to (metadata, archive)
   * @param distributionSha256 the index's sha256 of that distribution file when this was stored
   * @param source for metadata: {@code index} (PEP 658/714) or {@code wheel} (read from the wheel)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StoredFile(String path, String kind, String sha256, String distribution, String distributionSha256,
      String source) {}

  public ProjectState {
    files = files == null ? List.of() : List.copyOf(files);
    foreignNames = foreignNames == null ? List.of() : List.copyOf(foreignNames);
  }

  /** The state with {@link #digest} computed from {@code files}. */
  public static ProjectState of(String name, Long serial, String etag, String pageUrl, List<StoredFile> files,
      List<String> foreignNames) {
    List<StoredFile> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparing(StoredFile::path));
    MessageDigest d = HttpTransport.sha256();
    for (StoredFile f : sorted) {
      d.update((f.path() + "\t" + f.sha256() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return new ProjectState(name, serial, etag, pageUrl, HexFormat.of().formatHex(d.digest()), sorted, foreignNames);
  }

  /** The stored file of that path, or null. */
  public StoredFile file(String path) {
    for (StoredFile f : files) {
      if (f.path().equals(path)) {
        return f;
      }
    }
    return null;
  }
}
