package dev.pypidb.extract.archive;

import java.util.Locale;

/**
 * An archive that cannot be read as a whole, with the {@link Kind} of failure and a reason that
 * names what is wrong ("content is a zip archive but the name says .tar.gz", "member 'x/../../etc'
 * points outside the archive"). A member that is merely unreadable (a link, a device, a member
 * over the size limit) is not an exception: the contents list it with the reason instead.
 */
public final class ArchiveException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The kinds of whole-archive failure. */
  public enum Kind {
    /** The content is not the format the filename says (or no archive at all). */
    WRONG_FORMAT,
    /** The compressed stream or the archive structure is invalid (bad data, bad checksum). */
    CORRUPT,
    /** The data ends before the archive does. */
    TRUNCATED,
    /** A member path is absolute or climbs out of the archive, or zip members overlap. */
    UNSAFE,
    /** A bound of {@link ArchiveLimits} was hit (the reason names it). */
    LIMIT,
    /** A valid feature this reader refuses: sparse tar members, a zip compression method. */
    UNSUPPORTED,
    /** The archive reads but is not a valid distribution (no or several .dist-info, no PKG-INFO). */
    INVALID;

    /** The label in tables and reports: {@code wrong-format}, {@code limit}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Kind kind;
  private final String reason;

  public ArchiveException(Kind kind, String reason) {
    super(kind.label() + ": " + reason);
    this.kind = kind;
    this.reason = reason;
  }

  public ArchiveException(Kind kind, String reason, Throwable cause) {
    super(kind.label() + ": " + reason, cause);
    this.kind = kind;
    this.reason = reason;
  }

  public Kind kind() {
    return kind;
  }

  /** What is wrong, without the kind. */
  public String reason() {
    return reason;
  }
}
