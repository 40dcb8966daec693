package dev.pypidb.extract.archive;

import java.util.Locale;
import java.util.Optional;

/**
 * What a distribution file is, from its name: an sdist in one of the archive formats an index
 * serves, a wheel, or a legacy egg. The extension is matched case-insensitively; the content is
 * checked against it when the file is read ({@link ArchiveFormat#detect}).
 */
public enum ArchiveKind {
  SDIST_TAR_GZ(".tar.gz", ArchiveFormat.GZIP),
  SDIST_TGZ(".tgz", ArchiveFormat.GZIP),
  SDIST_TAR_BZ2(".tar.bz2", ArchiveFormat.BZIP2),
  SDIST_TAR_XZ(".tar.xz", ArchiveFormat.XZ),
  SDIST_TAR(".tar", ArchiveFormat.TAR),
  SDIST_ZIP(".zip", ArchiveFormat.ZIP),
  WHEEL(".whl", ArchiveFormat.ZIP),
  EGG(".egg", ArchiveFormat.ZIP);

  private final String extension;
  private final ArchiveFormat format;

  ArchiveKind(String extension, ArchiveFormat format) {
    this.extension = extension;
    this.format = format;
  }

  /** The kind named by {@code filename}'s extension, or empty when it names no archive. */
  public static Optional<ArchiveKind> of(String filename) {
    String lower = filename.toLowerCase(Locale.ROOT);
    for (ArchiveKind kind : values()) {
      if (lower.endsWith(kind.extension) && lower.length() > kind.extension.length()) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** The extension, with its dot: {@code .tar.gz}. */
  public String extension() {
    return extension;
  }

  /** The content format the extension promises. */
  public ArchiveFormat format() {
    return format;
  }

  /** True for the sdist kinds ({@link SdistArchive} reads them). */
  public boolean isSdist() {
    return this != WHEEL && this != EGG;
  }

  /** True when the content is a zip (read through its central directory). */
  public boolean isZip() {
    return format == ArchiveFormat.ZIP;
  }

  /** {@code filename} without this kind's extension: {@code requests-2.31.0}. */
  public String stem(String filename) {
    return filename.substring(0, filename.length() - extension.length());
  }
}
