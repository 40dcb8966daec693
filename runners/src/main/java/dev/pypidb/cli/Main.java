package dev.pypidb.cli;

import java.util.Arrays;

/** Entry point of the bundled jar: {@code pypidb <command> [--option=value ...]}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (System.getenv("PYPIDB_DEBUG") != null) {
      // Flink's own error logs (off by default: the command's one-line reason says it).
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.flink", "warn");
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.beam.runners.flink.FlinkRunner", "warn");
    }
    Fatal.install();
    int status;
    try {
      status = run(args);
    } catch (UsageException e) {
      System.err.println("pypidb: " + e.getMessage());
      status = 2;
    } catch (Throwable e) {
      if (Fatal.outOfMemory(e)) {
        System.err.println(Fatal.outOfMemoryAdvice(PipelineRun.runnerDescription(), Runtime.getRuntime().maxMemory()));
        status = Fatal.OUT_OF_MEMORY;
      } else {
        System.err.println("pypidb: " + oneLine(e));
        status = 1;
      }
      if (System.getenv("PYPIDB_DEBUG") != null) {
        e.printStackTrace();
      }
    }
    Fatal.exit(status);
  }

  static int run(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      System.out.print(Commands.overview());
      return 0;
    }
    Command command = Commands.get(args[0]);
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
      System.out.print(command.help());
      return 0;
    }
    return command.run(rest);
  }

  /** The message of the root cause, on one line. */
  static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : root.getMessage();
    boolean selfExplaining = root instanceof IllegalArgumentException || root instanceof UsageException
        || root instanceof java.io.FileNotFoundException || root instanceof java.nio.file.NoSuchFileException;
    if (root.getClass().getSimpleName().equals("SerializedThrowable")) {
      // Flink's stand-in for an exception thrown on a TaskManager: its text names the original class.
      message = root.toString();
    } else if (!selfExplaining) {
      message = root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
    return message.replace('\n', ' ');
  }
}
