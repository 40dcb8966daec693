package dev.pypidb.pipelines.read;

import dev.pypidb.pipelines.common.FramedCoder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * An input record that could not become table rows, with where it was, at which stage it
 * failed and why, and its first 4 KiB.
 */
public record DeadLetter(String input, long position, String stage, String reason, String raw) {

  /** Stages, in pipeline order. */
  public static final String READ = "read";
  public static final String DECODE = "decode";
  public static final String PARSE = "parse";
  public static final String VALIDATE = "validate";
  public static final String MERGE = "merge";

  public DeadLetter {
    raw = raw == null ? null : RawText.first4k(raw);
  }

  /** Coder for dead letters. */
  public static final class Coder extends FramedCoder<DeadLetter> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    protected void write(DeadLetter d, DataOutputStream out) throws IOException {
      writeString(out, d.input);
      out.writeLong(d.position);
      writeString(out, d.stage);
      writeString(out, d.reason);
      writeString(out, d.raw);
    }

    @Override
    protected DeadLetter read(DataInputStream in) throws IOException {
      return new DeadLetter(readString(in), in.readLong(), readString(in), readString(in), readString(in));
    }
  }
}
