package dev.pypidb.pipelines.read;

/** A record that cannot be read, with the dead-letter stage and a reason a person can act on. */
public final class RecordException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String stage;

  public RecordException(String stage, String reason) {
    super(reason);
    this.stage = stage;
  }

  public String stage() {
    return stage;
  }
}
