package dev.pypidb.pipelines.normalize;

import dev.pypidb.pipelines.read.DeadLetter;
import dev.pypidb.pipelines.tables.Table;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/** Everything normalize produces for one project. */
public record ProjectOutput(
    String name,
    EnumMap<Table, List<GenericRecord>> rows,
    List<DeadLetter> deadLetters,
    Map<String, Long> acceptedByInput,
    String fingerprint,
    long records) {}
