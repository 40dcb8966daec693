package dev.pypidb.cli;

/** One {@code pypidb} command. */
interface Command {
  /** The command's name on the command line. */
  String name();

  /** One line for the overview. */
  String summary();

  /** Full help text, ending with a newline. */
  String help();

  /** Runs with the arguments after the command name; returns the exit status. */
  int run(String[] args) throws Exception;
}
