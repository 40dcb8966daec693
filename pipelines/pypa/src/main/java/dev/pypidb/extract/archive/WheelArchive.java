package dev.pypidb.extract.archive;

import dev.pypidb.extract.archive.ArchiveException.Kind;
import dev.pypidb.pypa.filenames.WheelFilename;
import dev.pypidb.pypa.names.ProjectNames;
import dev.pypidb.pypa.version.Version;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/**
 * Reads a wheel's {@code .dist-info/METADATA} through the zip's central directory: the
 * directory is read (bounded, see {@link ZipReader}) and METADATA alone is inflated, whatever
 * else the wheel holds.
 *
 * <p>The {@code .dist-info} directory is the one at the wheel's root; when there are several, the
 * one whose name and version match the filename's (PEP 503 name, PEP 440 version). No
 * {@code .dist-info}, several and no single match, or no METADATA in it is
 * {@link Kind#INVALID}. A member path that is absolute or climbs out is {@link Kind#UNSAFE}, as
 * pip refuses such wheels. A METADATA over {@link ArchiveLimits#maxMemberBytes} keeps its header
 * block (every field; the description body is cut) when that fits, else it is
 * {@link Kind#LIMIT}.
 */
public final class WheelArchive {
  private WheelArchive() {}

  /**
   * Reads METADATA from the wheel in {@code channel} (the channel is left open).
   *
   * @throws IllegalArgumentException when {@code filename} does not end in {@code .whl}
   */
  public static WheelMetadata readMetadata(String filename, SeekableByteChannel channel, ArchiveLimits limits)
      throws ArchiveException, IOException {
    if (ArchiveKind.of(filename).orElse(null) != ArchiveKind.WHEEL) {
      throw new IllegalArgumentException(filename + " is not a .whl");
    }
    String what = "the .whl";
    Meter meter = new Meter(limits);
    SeekableByteChannel metered = Streams.source(channel, meter);
    return Failures.guard(what, () -> {
      Decoders.expect(ArchiveKind.WHEEL, Decoders.detect(metered));
      try (ZipReader zip = ZipReader.open(metered, meter, what)) {
        return read(filename, zip, limits);
      }
    });
  }

  private static WheelMetadata read(String filename, ZipReader zip, ArchiveLimits limits)
      throws IOException, ArchiveException {
    TreeSet<String> distInfos = new TreeSet<>();
    Map<String, ZipArchiveEntry> metadata = new HashMap<>();
    for (ZipArchiveEntry e : zip.entries()) {
      String path = MemberNames.normalize(ZipReader.name(e).name(), true);
      int slash = path.indexOf('/');
      String top = slash < 0 ? path : path.substring(0, slash);
      if (!top.endsWith(".dist-info") || (slash < 0 && !e.isDirectory())) {
        continue;
      }
      distInfos.add(top);
      if (path.equals(top + "/METADATA") && !e.isDirectory()) {
        metadata.put(top, e);
      }
    }
    String dir = distInfo(filename, distInfos);
    ZipArchiveEntry entry = metadata.get(dir);
    String path = dir + "/METADATA";
    if (entry == null) {
      throw new ArchiveException(Kind.INVALID, "the wheel has no " + path);
    }
    String why = zip.unreadable(entry);
    if (why != null) {
      throw new ArchiveException(Kind.UNSUPPORTED, path + " " + why);
    }
    int cap = limits.maxMemberBytes();
    byte[] bytes = zip.read(entry, cap);
    if (bytes.length <= cap) {
      return new WheelMetadata(path, bytes, false);
    }
    int end = KeepRule.headerBlockEnd(bytes, cap);
    if (end < 0) {
      throw new ArchiveException(Kind.LIMIT, path + " is over " + ArchiveLimits.size(cap)
          + " and its header block alone is longer (the limit for kept members)");
    }
    return new WheelMetadata(path, Arrays.copyOf(bytes, end), true);
  }

  private static String distInfo(String filename, TreeSet<String> distInfos) throws ArchiveException {
    if (distInfos.isEmpty()) {
      throw new ArchiveException(Kind.INVALID, "the wheel has no .dist-info directory");
    }
    if (distInfos.size() == 1) {
      return distInfos.first();
    }
    WheelFilename wheel = WheelFilename.tryParse(filename);
    List<String> matching = new ArrayList<>();
    for (String d : distInfos) {
      String stem = d.substring(0, d.length() - ".dist-info".length());
      int dash = stem.indexOf('-');
      if (wheel != null && dash > 0
          && ProjectNames.canonicalize(stem.substring(0, dash)).equals(wheel.name())
          && wheel.version().equals(Version.tryParse(stem.substring(dash + 1)))) {
        matching.add(d);
      }
    }
    if (matching.size() == 1) {
      return matching.get(0);
    }
    List<String> quoted = new ArrayList<>();
    distInfos.forEach(d -> quoted.add(MemberNames.quote(d)));
    throw new ArchiveException(Kind.INVALID, "the wheel has " + distInfos.size()
        + " .dist-info directories (" + String.join(", ", quoted) + ") and "
        + (matching.isEmpty() ? "none matches" : "several match") + " the filename's name and version");
  }
}
