package dev.pypidb.cli;

import java.util.Arrays;

/** Entry point of the bundled jar: {@code pypidb <command> [--option=value ...]}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int status;
    try {
      status = run(args);
    } catch (UsageException e) {
      System.err.println("pypidb: " + e.getMessage());
      status = 2;
    } catch (Exception e) {
      System.err.println("pypidb: " + oneLine(e));
      if (System.getenv("PYPIDB_DEBUG") != null) {
        e.printStackTrace();
      }
      status = 1;
    }
    System.exit(status);
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
    if (!selfExplaining) {
      message = root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
    return message.replace('\n', ' ');
  }
}
