package dev.pypidb.extract.archive;

import dev.pypidb.pypa.metadata.CoreMetadata;
import java.nio.charset.StandardCharsets;

/** A wheel's {@code <name>-<version>.dist-info/METADATA}, as {@link WheelArchive} read it. */
public final class WheelMetadata {
  private final String path;
  private final byte[] bytes;
  private final boolean descriptionCut;

  WheelMetadata(String path, byte[] bytes, boolean descriptionCut) {
    this.path = path;
    this.bytes = bytes;
    this.descriptionCut = descriptionCut;
  }

  /** The member read: {@code requests-2.31.0.dist-info/METADATA}. */
  public String path() {
    return path;
  }

  /** The file's bytes (only its header block when {@link #descriptionCut}). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * True when METADATA was over {@link ArchiveLimits#maxMemberBytes} and only its header block
   * (all fields, no description body) was kept.
   */
  public boolean descriptionCut() {
    return descriptionCut;
  }

  /** The bytes as UTF-8 text, invalid bytes replaced. */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * The parsed metadata.
   *
   * @throws dev.pypidb.pypa.metadata.InvalidMetadataException when it is not valid core metadata
   */
  public CoreMetadata parse() {
    return CoreMetadata.parse(text());
  }
}
