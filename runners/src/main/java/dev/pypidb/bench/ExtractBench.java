package dev.pypidb.bench;

import dev.pypidb.extract.archive.ArchiveKind;
import dev.pypidb.pipelines.extract.ArchiveRecords;
import dev.pypidb.pipelines.read.DeadLetter;
import dev.pypidb.pipelines.read.InputFile;
import dev.pypidb.pipelines.read.InputFormat;
import dev.pypidb.pipelines.read.RawRecord;
import dev.pypidb.pipelines.read.RecordSink;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The cost of the archives input on one thread: {@link ArchiveRecords#read} over every
 * distribution file under DIR, for a few rounds (the first ones warm the JIT), each round
 * printing milliseconds per archive of the reading thread's CPU time (what other processes on
 * the machine do not change), of the whole process's CPU time (adding garbage collection and
 * compilation) and of wall time. {@code java -cp pypidb.jar dev.pypidb.bench.ExtractBench DIR
 * [rounds]}; compare with {@link ExtractFloor} over the same DIR.
 */
public final class ExtractBench {
  private ExtractBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: ExtractBench DIR [rounds]");
      System.exit(2);
    }
    int rounds = args.length == 2 ? Integer.parseInt(args[1]) : 5;
    List<InputFile> files;
    try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
      files = s.filter(Files::isRegularFile).filter(p -> ArchiveKind.of(p.getFileName().toString()).isPresent())
          .sorted().map(p -> new InputFile(p.toString(), InputFormat.ARCHIVES, InputFile.Layout.ARCHIVE)).toList();
    }
    if (files.isEmpty()) {
      System.err.println("ExtractBench: no distribution archive under " + args[0]);
      System.exit(2);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int round = 1; round <= rounds; round++) {
      Counter counter = new Counter();
      long cpu = threads.getCurrentThreadCpuTime();
      long process = os.getProcessCpuTime();
      long wall = System.nanoTime();
      for (InputFile f : files) {
        ArchiveRecords.read(f, counter);
      }
      double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
      double processMs = (os.getProcessCpuTime() - process) / 1e6;
      double wallMs = (System.nanoTime() - wall) / 1e6;
      System.out.printf("round %d: %,d archives (%,d records, %,d dead letters), per archive: %.3f ms thread CPU,"
          + " %.3f ms process CPU (with GC and JIT threads), %.3f ms wall%n", round, files.size(), counter.records,
          counter.deadLetters, cpuMs / files.size(), processMs / files.size(), wallMs / files.size());
    }
  }

  /** Counts what the reader emits, keeping nothing. */
  private static final class Counter implements RecordSink {
    long records;
    long deadLetters;

    @Override
    public void record(RawRecord record) {
      records++;
    }

    @Override
    public void deadLetter(DeadLetter deadLetter) {
      deadLetters++;
    }
  }
}
