/**
 * The safe archive reader for static extraction: distribution files as an index serves them,
 * read in memory only (nothing is ever written to disk, nothing is run), within
 * {@link dev.pypidb.extract.archive.ArchiveLimits}.
 *
 * <ul>
 *   <li>{@link dev.pypidb.extract.archive.ArchiveKind#of}: what a filename names;
 *       {@link dev.pypidb.extract.archive.ArchiveFormat#detect}: what the content is.
 *   <li>{@link dev.pypidb.extract.archive.SdistArchive#read}: an sdist as
 *       {@link dev.pypidb.extract.archive.SdistContents}, a {@link dev.pypidb.extract.SourceTree}
 *       of its project directory holding the members that can carry dependency information.
 *   <li>{@link dev.pypidb.extract.archive.WheelArchive#readMetadata}: a wheel's METADATA, through
 *       the zip's central directory.
 *   <li>{@link dev.pypidb.extract.archive.EggArchive#read}: an egg's {@code EGG-INFO/}.
 *   <li>{@link dev.pypidb.extract.archive.DecompressionFloor#decompress}: the benchmark floor.
 * </ul>
 *
 * <p>Hostile input. A whole-archive failure is an
 * {@link dev.pypidb.extract.archive.ArchiveException} of one
 * {@link dev.pypidb.extract.archive.ArchiveException.Kind}:
 * <ul>
 *   <li>WRONG_FORMAT: the content is not what the extension says (a zip named .tar.gz, HTML
 *       named .whl, an empty file);
 *   <li>CORRUPT / TRUNCATED: gzip, bzip2, xz, tar or zip errors; a zip member whose size or CRC
 *       disagrees with its directory entry;
 *   <li>UNSAFE: a member path that is absolute, has a Windows drive letter, climbs above the
 *       archive root with {@code ..}, or holds a NUL; zip members whose data overlap;
 *   <li>LIMIT: too many members, too many name bytes, too many bytes read or decompressed, an
 *       expansion ratio over the bound (bombs stop early), tar headers over the bound, an xz
 *       dictionary over the bound, a member whose size alone would pass the decompression
 *       bound;
 *   <li>UNSUPPORTED: a sparse tar member; a wheel METADATA that is encrypted or compressed with
 *       a method the reader lacks;
 *   <li>INVALID: a wheel without (or with an ambiguous) {@code .dist-info}, or without METADATA.
 * </ul>
 * Everything else is a note, the archive still being read: per member in
 * {@link dev.pypidb.extract.SourceTree#unavailable} (symbolic and hard links that lead nowhere
 * kept, device files, FIFOs, nested archives, members over the size limit or past the kept-bytes
 * limits, encrypted zip members), per archive in
 * {@link dev.pypidb.extract.archive.SdistContents#problems} (duplicate names, the last one
 * winning; names that are not UTF-8; members outside the project directory).
 *
 * <p>An {@code IOException} from these methods always means the file itself could not be read.
 */
package dev.pypidb.extract.archive;
