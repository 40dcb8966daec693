package dev.pypidb.pipelines.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Local disk for spills (regrouping records, sorting row blocks, a row group before it is
 * appended). Beside the output when the output is local, in the attempt's directory that
 * finalize removes whatever happens to the worker; otherwise in this JVM's temporary directory,
 * under {@code pypidb-scratch/PID-UUID}: the caller deletes it when done, and a later run on the
 * machine deletes those of processes that are gone (a killed TaskManager's).
 */
public final class Scratch {
  private static final String ROOT = "pypidb-scratch";

  private Scratch() {}

  /** A new scratch directory for one attempt writing under {@code output}. */
  public static Path directory(String output, String attempt) throws IOException {
    if (!Storage.isLocal(output)) {
      return temporary();
    }
    Path dir = Storage.localPath(output).resolve(attempt);
    Files.createDirectories(dir);
    return dir;
  }

  /**
   * A new scratch directory in this JVM's temporary directory, for local copies of files of
   * other stores; the caller deletes it when done.
   */
  public static Path temporary() throws IOException {
    Path root = Path.of(System.getProperty("java.io.tmpdir"), ROOT);
    Files.createDirectories(root);
    removeOrphans(root);
    Path dir = root.resolve(ProcessHandle.current().pid() + "-" + UUID.randomUUID());
    Files.createDirectories(dir);
    return dir;
  }

  /** Deletes the scratch directories of processes that no longer run. */
  private static void removeOrphans(Path root) {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path d : dirs) {
        String name = d.getFileName().toString();
        int dash = name.indexOf('-');
        if (dash <= 0) {
          continue;
        }
        try {
          long pid = Long.parseLong(name.substring(0, dash));
          if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            continue;
          }
          Storage.deleteTree(d.toString());
        } catch (NumberFormatException | IOException e) {
          // not ours, or being deleted by another process
        }
      }
    } catch (IOException e) {
      // scratch space only: a failed sweep costs disk, not correctness
    }
  }
}
