package dev.pypidb.pipelines.read;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

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
  public static final class Coder extends AtomicCoder<DeadLetter> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(DeadLetter d, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      RawRecordCoder.writeString(out, d.input);
      out.writeLong(d.position);
      RawRecordCoder.writeString(out, d.stage);
      RawRecordCoder.writeString(out, d.reason);
      RawRecordCoder.writeString(out, d.raw);
      out.flush();
    }

    @Override
    public DeadLetter decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      return new DeadLetter(RawRecordCoder.readString(in), in.readLong(), RawRecordCoder.readString(in),
          RawRecordCoder.readString(in), RawRecordCoder.readString(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
