package dev.pypidb.pipelines.extract;

import dev.pypidb.extract.KeyResult;
import dev.pypidb.extract.MethodReader;
import dev.pypidb.extract.PythonKey;
import dev.pypidb.extract.RequiresDistShape;
import dev.pypidb.extract.SdistExtraction;
import dev.pypidb.extract.SdistExtractor;
import dev.pypidb.extract.SourceTree;
import dev.pypidb.extract.archive.ArchiveException;
import dev.pypidb.extract.archive.ArchiveKind;
import dev.pypidb.extract.archive.ArchiveLimits;
import dev.pypidb.extract.archive.EggArchive;
import dev.pypidb.extract.archive.SdistArchive;
import dev.pypidb.extract.archive.SdistContents;
import dev.pypidb.extract.archive.WheelArchive;
import dev.pypidb.extract.setuppy.SetupPyReader;
import dev.pypidb.pipelines.read.DeadLetter;
import dev.pypidb.pipelines.read.FieldLimits;
import dev.pypidb.pipelines.read.InputFile;
import dev.pypidb.pipelines.read.InputFormat;
import dev.pypidb.pipelines.read.PackageTypes;
import dev.pypidb.pipelines.read.RawRecord;
import dev.pypidb.pipelines.read.RecordException;
import dev.pypidb.pipelines.read.RecordSink;
import dev.pypidb.pipelines.read.SdistBuild;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pypa.metadata.CoreMetadata;
import dev.pypidb.pypa.metadata.InvalidMetadataException;
import dev.pypidb.pypa.version.Version;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads one distribution file into one {@link RawRecord} of format {@code archives}, or one
 * dead letter. The file's size and sha256 come from its bytes; then, by its name:
 * <ul>
 *   <li>a wheel: its {@code .dist-info/METADATA}, read through the zip's central directory
 *       (name, version, Requires-Dist, Requires-Python, Provides-Extra);
 *   <li>an egg: {@code EGG-INFO/PKG-INFO} and {@code requires.txt} (as Requires-Dist);
 *   <li>an sdist: its members that can carry dependencies, and their static extraction for every
 *       Python key (pkg-info, egg-info, pyproject, setup-cfg, setup-py), stored per key as
 *       {@link SdistBuild#staticJson}; name, version and Requires-Python from PKG-INFO, else
 *       from the filename.
 * </ul>
 * An archive that cannot be read safely (corrupt, truncated, wrong content for its name, a
 * member path that escapes it, a bound of {@link ArchiveLimits} hit, no usable metadata) is a
 * dead letter of stage {@code archive} naming the reason, with its size and sha256. Nothing is
 * written anywhere and no code of the archive runs. Memory per archive is bounded by the
 * limits (about 16 MiB of kept members, plus the zip central directory and decoder buffers).
 */
public final class ArchiveRecords {
  /** Dead-letter stage of an archive that cannot be read. */
  public static final String STAGE = "archive";
  /** Files up to this size are read whole into memory once, then hashed and read from there. */
  static final long READ_WHOLE_BYTES = 1 << 20;

  private ArchiveRecords() {}

  /** Reads {@code file}; every outcome goes to {@code sink}, exactly once. */
  public static void read(InputFile file, RecordSink sink) {
    read(file, ArchiveLimits.DEFAULT, sink);
  }

  static void read(InputFile file, ArchiveLimits limits, RecordSink sink) {
    String filename = Storage.name(file.path());
    long size = -1;
    String sha256 = null;
    try (SeekableByteChannel archive = Storage.openSeekable(file.path())) {
      size = archive.size();
      SeekableByteChannel channel = archive;
      // A small file is read in one go, instead of the dozens of small reads a zip's directory takes.
      byte[] bytes = size <= READ_WHOLE_BYTES ? readWhole(archive, (int) size) : null;
      if (bytes != null) {
        sha256 = HexFormat.of().formatHex(sha256().digest(bytes));
        channel = new SeekableInMemoryByteChannel(bytes);
      } else {
        archive.position(0);
        sha256 = sha256(archive);
        archive.position(0);
      }
      ArchiveKind kind = ArchiveKind.of(filename).orElse(null);
      if (kind == null) {
        throw new ArchiveException(ArchiveException.Kind.WRONG_FORMAT, filename
            + " is not named as a distribution archive (.tar.gz, .tgz, .tar.bz2, .tar.xz, .zip, .whl, .egg)");
      }
      RawRecord.Builder b = RawRecord.builder(RawRecord.Kind.FILE, InputFormat.ARCHIVES, file.path(), 0)
          .filename(filename).packagetype(PackageTypes.fromFilename(filename)).size(size).sha256(sha256);
      RawRecord record = switch (kind) {
        case WHEEL -> wheel(b, filename, metadata(WheelArchive.readMetadata(filename, channel, limits).text(), filename));
        case EGG -> egg(b, filename, EggArchive.read(filename, channel, limits));
        default -> sdist(b, filename, SdistArchive.read(filename, channel, limits));
      };
      sink.record(record);
    } catch (ArchiveException e) {
      sink.deadLetter(dead(file, STAGE, e.kind().label() + ": " + e.reason(), size, sha256));
    } catch (RecordException e) {
      sink.deadLetter(dead(file, e.stage(), e.getMessage(), size, sha256));
    } catch (IOException e) {
      sink.deadLetter(new DeadLetter(file.path(), 0, DeadLetter.READ, "cannot read: " + e.getMessage(), null));
    }
  }

  private static DeadLetter dead(InputFile file, String stage, String reason, long size, String sha256) {
    String raw = "{\"size\": " + size + ", \"sha256\": " + (sha256 == null ? "null" : "\"" + sha256 + "\"") + "}";
    return new DeadLetter(file.path(), 0, stage, reason, raw);
  }

  private static RawRecord wheel(RawRecord.Builder b, String filename, CoreMetadata m) throws RecordException {
    List<String> requiresDist = m.all("Requires-Dist");
    FieldLimits.checkRecord(m.first("Name"), m.first("Version"), filename, requiresDist);
    return b.project(m.first("Name"))
        .version(m.first("Version"))
        .requiresDist(requiresDist)
        .requiresPython(emptyToNull(m.first("Requires-Python")))
        .providesExtra(m.all("Provides-Extra"))
        .metadataVersion(m.first("Metadata-Version"))
        .dynamic(m.has("Dynamic") ? m.all("Dynamic") : null)
        .build();
  }

  /** An egg: its EGG-INFO as an sdist's egg-info, the requirements as Requires-Dist strings. */
  private static RawRecord egg(RawRecord.Builder b, String filename, SdistContents contents) throws RecordException {
    String pkgInfo = contents.text("EGG-INFO/PKG-INFO");
    if (pkgInfo == null) {
      throw new RecordException(STAGE, "invalid: the egg has no EGG-INFO/PKG-INFO ("
          + contents.unavailable("EGG-INFO/PKG-INFO") + ")");
    }
    CoreMetadata m = metadata(pkgInfo, filename);
    KeyResult r = SdistExtractor.extract(contents).result(PythonKey.ALL.get(0));
    List<String> requiresDist = RequiresDistShape.toRequiresDist(r.values());
    FieldLimits.checkRecord(m.first("Name"), m.first("Version"), filename, requiresDist);
    return b.project(m.first("Name"))
        .version(m.first("Version"))
        .requiresDist(requiresDist)
        .requiresPython(emptyToNull(m.first("Requires-Python")))
        .metadataVersion(m.first("Metadata-Version"))
        .build();
  }

  private static RawRecord sdist(RawRecord.Builder b, String filename, SdistContents contents) throws RecordException {
    // setup.py runs, as for the crawler, in /build/<the archive's project directory>.
    List<Function<SourceTree, MethodReader>> setupPy =
        List.of(tree -> SetupPyReader.of(tree, contents.projectDirectory()));
    SdistExtraction x = SdistExtractor.extract(contents, setupPy);
    String[] fromName = nameAndVersion(filename);
    String project = x.name() != null ? x.name() : fromName[0];
    String version = x.version() != null ? x.version() : fromName[1];
    if (project == null || version == null) {
      throw new RecordException(STAGE, "invalid: no PKG-INFO names the project, and the filename "
          + filename + " does not split into name-version");
    }
    FieldLimits.checkRecord(project, version, filename, null);
    Map<String, String> byKey = new TreeMap<>();
    // Keys with the same result (all but the key alike, in the same order) share one JSON text.
    Map<List<Object>, String> json = new HashMap<>();
    for (KeyResult r : x.results()) {
      List<Object> sameResult = Arrays.asList(r.status(), r.method(), r.reason(), inOrder(r.values()),
          inOrder(r.fieldMethods()));
      byKey.put(r.key().key(), json.computeIfAbsent(sameResult, k -> SdistBuild.staticJson(r)));
    }
    return b.project(project).version(version).requiresPython(emptyToNull(x.requiresPython()))
        .sdistBuilds(byKey).build();
  }

  /** A value whose equality, unlike a map's, sees the order of entries: maps become lists of entries. */
  private static Object inOrder(Object value) {
    if (value instanceof Map<?, ?> map) {
      List<Object> entries = new ArrayList<>(map.size());
      map.forEach((k, v) -> entries.add(Arrays.asList(k, inOrder(v))));
      return entries;
    }
    return value;
  }

  private static CoreMetadata metadata(String text, String filename) throws RecordException {
    try {
      return CoreMetadata.parse(text);
    } catch (InvalidMetadataException e) {
      throw new RecordException(STAGE, "invalid: the metadata of " + filename + " does not parse: " + e.getMessage());
    }
  }

  /**
   * Name and version from an sdist's filename ({@code name-version.tar.gz}): the split is at the
   * first hyphen whose remainder is a valid PEP 440 version. Both null when nothing splits.
   */
  static String[] nameAndVersion(String filename) {
    String stem = ArchiveKind.of(filename).map(k -> k.stem(filename)).orElse(filename);
    for (int dash = stem.indexOf('-'); dash > 0; dash = stem.indexOf('-', dash + 1)) {
      String version = stem.substring(dash + 1);
      if (Version.tryParse(version) != null) {
        return new String[] {stem.substring(0, dash), version};
      }
    }
    return new String[] {null, null};
  }

  /** The file's bytes, when it has no more than {@code size}; null when it has grown since. */
  private static byte[] readWhole(SeekableByteChannel file, int size) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(size + 1);
    while (buf.hasRemaining() && file.read(buf) >= 0) {
      // fill
    }
    return buf.hasRemaining() ? Arrays.copyOf(buf.array(), buf.position()) : null;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(SeekableByteChannel channel) throws IOException {
    MessageDigest md = sha256();
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    while (channel.read(buf) >= 0) {
      buf.flip();
      md.update(buf);
      buf.clear();
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
