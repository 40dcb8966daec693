/**
 * The {@code archives} input (CONTRACT §3, §9): distribution files read as records, their
 * dependencies extracted statically by {@code dev.pypidb.extract} (no Beam there). One archive
 * is one record: a {@code files} row with the size and sha256 of its bytes, the wheel's
 * METADATA, or the sdist's static results per Python key; or a dead letter saying why the
 * archive cannot be read safely.
 */
package dev.pypidb.pipelines.extract;
