package dev.pypidb.pipelines.read;

import dev.pypidb.pipelines.common.Progress;
import dev.pypidb.pypa.names.ProjectNames;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads raw metadata files into records keyed by canonical project name, plus the dead letters
 * of records that could not be read and the number of records read per input. Line formats
 * are split into batches so parsing spreads over workers even for one big gzip file.
 */
public final class ReadRawRecords extends PTransform<PBegin, PCollectionTuple> {
  public static final TupleTag<KV<String, RawRecord>> RECORDS = new TupleTag<>() {};
  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>() {};
  /** Records read per input (blank lines are not records). */
  public static final TupleTag<KV<String, Long>> READ_COUNTS = new TupleTag<>() {};
  /** Blank lines skipped per input. */
  public static final TupleTag<KV<String, Long>> BLANK_LINES = new TupleTag<>() {};
  private static final TupleTag<LineBatch> BATCHES = new TupleTag<>() {};

  private static final int LINES_PER_BATCH = 2000;

  /** Progress: the input files' bytes read. */
  public static final String READ = "read";
  /** Progress: lines of line-format inputs parsed, of {@link #LINES_READ}. */
  public static final String PARSE = "parse";
  /** Progress counter: lines read from line-format inputs. */
  public static final String LINES_READ = "lines read";
  /** Progress counter: records read and parsed, handed on to be normalized. */
  public static final String RECORDS_OUT = "records read";
  private final List<InputFile> files;

  private ReadRawRecords(List<InputFile> files) {
    this.files = files;
  }

  public static ReadRawRecords of(List<InputFile> files) {
    return new ReadRawRecords(files);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    Progress.plan(READ, files.stream().mapToLong(InputFile::size).sum(), "bytes");
    Progress.planAfter(PARSE, "lines", LINES_READ, READ);
    PCollection<InputFile> inputs = begin
        .apply("ListInputs", Create.of(files).withCoder(InputFile.Coder.of()))
        .apply("SpreadInputs", Reshuffle.viaRandomKey());
    PCollectionTuple read = inputs.apply("ReadFiles", ParDo.of(new ReadFileFn())
        .withOutputTags(RECORDS, TupleTagList.of(DEAD_LETTERS).and(READ_COUNTS).and(BLANK_LINES).and(BATCHES)));
    read.get(BATCHES).setCoder(LineBatch.Coder.of());
    PCollectionTuple parsed = read.get(BATCHES)
        .apply("SpreadLines", Reshuffle.viaRandomKey())
        .apply("ParseLines", ParDo.of(new ParseLinesFn()).withOutputTags(RECORDS, TupleTagList.of(DEAD_LETTERS)));
    KvCoder<String, RawRecord> recordCoder = KvCoder.of(StringUtf8Coder.of(), RawRecordCoder.of());
    KvCoder<String, Long> countCoder = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
    read.get(RECORDS).setCoder(recordCoder);
    parsed.get(RECORDS).setCoder(recordCoder);
    read.get(DEAD_LETTERS).setCoder(DeadLetter.Coder.of());
    parsed.get(DEAD_LETTERS).setCoder(DeadLetter.Coder.of());
    read.get(READ_COUNTS).setCoder(countCoder);
    read.get(BLANK_LINES).setCoder(countCoder);
    PCollection<KV<String, RawRecord>> records = PCollectionList.of(read.get(RECORDS)).and(parsed.get(RECORDS))
        .apply("AllRecords", Flatten.pCollections());
    PCollection<DeadLetter> dead = PCollectionList.of(read.get(DEAD_LETTERS)).and(parsed.get(DEAD_LETTERS))
        .apply("AllReadDeadLetters", Flatten.pCollections());
    return PCollectionTuple.of(RECORDS, records)
        .and(DEAD_LETTERS, dead)
        .and(READ_COUNTS, read.get(READ_COUNTS))
        .and(BLANK_LINES, read.get(BLANK_LINES));
  }

  static KV<String, RawRecord> keyed(RawRecord r) {
    return KV.of(ProjectNames.canonicalize(r.project()), r);
  }

  /** Reads one file: documents whole, line formats as batches for {@link ParseLinesFn}. */
  static final class ReadFileFn extends DoFn<InputFile, KV<String, RawRecord>> {
    @ProcessElement
    public void process(@Element InputFile file, MultiOutputReceiver out) throws Exception {
      long[] bytes = {0};
      switch (file.layout()) {
        case LINES -> {
          NdjsonReader.Counts counts = NdjsonReader.read(file.path(), LINES_PER_BATCH, batch -> {
            out.get(BATCHES).output(batch);
            Progress.tally(LINES_READ, batch.lines().size());
          }, n -> {
            bytes[0] += n;
            Progress.add(READ, n);
          });
          long records = counts.lines() - counts.blank();
          if (counts.error() != null) {
            // The unreadable rest of the file is one record: kept lines stay, nothing vanishes.
            out.get(DEAD_LETTERS).output(new DeadLetter(file.path(), counts.lines() + 1, DeadLetter.READ,
                "cannot read after line " + counts.lines() + ": " + counts.error()
                    + " (the rest of the file is lost)", null));
            records++;
          }
          out.get(READ_COUNTS).output(KV.of(file.path(), records));
          out.get(BLANK_LINES).output(KV.of(file.path(), counts.blank()));
        }
        case AVRO, PARQUET -> {
          CountingSink sink = new CountingSink(out);
          ExportFileReader.read(file, sink);
          out.get(READ_COUNTS).output(KV.of(file.path(), sink.count));
          sink.flush();
        }
        case DOCUMENT -> {
          CountingSink sink = new CountingSink(out);
          DocumentReader.read(file, sink);
          sink.counts.forEach((input, n) -> out.get(READ_COUNTS).output(KV.of(input, n)));
          sink.flush();
        }
        case ARCHIVE -> {
          CountingSink sink = new CountingSink(out);
          dev.pypidb.pipelines.extract.ArchiveRecords.read(file, sink);
          out.get(READ_COUNTS).output(KV.of(file.path(), sink.count));
          sink.flush();
        }
      }
      // The whole file is done: its size counts whole, even where a damaged gzip stopped early.
      Progress.add(READ, Math.max(0, file.size() - bytes[0]));
    }
  }

  /** Parses line batches of BigQuery NDJSON. */
  static final class ParseLinesFn extends DoFn<LineBatch, KV<String, RawRecord>> {
    private transient BigQueryLineParser parser;

    @Setup
    public void setup() {
      parser = new BigQueryLineParser();
    }

    @ProcessElement
    public void process(@Element LineBatch batch, MultiOutputReceiver out) {
      long lineNo = batch.firstLine();
      long records = 0;
      for (byte[] line : batch.lines()) {
        long n = lineNo++;
        if (NdjsonReader.isBlank(line)) {
          continue;
        }
        try {
          out.get(RECORDS).output(keyed(parser.parse(batch.input(), n, line)));
          records++;
        } catch (RecordException e) {
          out.get(DEAD_LETTERS).output(new DeadLetter(batch.input(), n, e.stage(), e.getMessage(),
              RawText.lenient(line, 0, line.length)));
        }
      }
      Progress.tally(RECORDS_OUT, records);
      Progress.add(PARSE, batch.lines().size());
    }
  }

  /** Forwards a reader's output, counting records per input. */
  private static final class CountingSink implements RecordSink {
    private final DoFn.MultiOutputReceiver out;
    private final java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    private long count;
    private long records;

    CountingSink(DoFn.MultiOutputReceiver out) {
      this.out = out;
    }

    @Override
    public void record(RawRecord record) {
      out.get(RECORDS).output(keyed(record));
      tally(record.input());
      if (++records % 1000 == 0) {
        Progress.tally(RECORDS_OUT, 1000);
      }
    }

    /** Counts the records not yet counted in thousands. */
    void flush() {
      Progress.tally(RECORDS_OUT, records % 1000);
    }

    @Override
    public void deadLetter(DeadLetter d) {
      out.get(DEAD_LETTERS).output(d);
      tally(d.input());
    }

    private void tally(String input) {
      count++;
      counts.merge(input, 1L, Long::sum);
    }
  }
}
