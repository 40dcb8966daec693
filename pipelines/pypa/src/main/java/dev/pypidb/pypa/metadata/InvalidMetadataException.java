package dev.pypidb.pypa.metadata;

/** Core metadata text that is not a valid RFC 822 header block, or lacks a required field. */
public final class InvalidMetadataException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final boolean missingField;

  public InvalidMetadataException(String message, boolean missingField) {
    super(message);
    this.missingField = missingField;
  }

  /** True when the text parses but Metadata-Version, Name or Version is missing. */
  public boolean missingField() {
    return missingField;
  }
}
