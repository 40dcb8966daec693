package dev.pypidb.pipelines.read;

/** Where a reader puts what it reads: every record becomes exactly one of the two. */
public interface RecordSink {
  void record(RawRecord record);

  void deadLetter(DeadLetter deadLetter);
}
