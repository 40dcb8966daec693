package dev.pypidb.extract.setuppy;

/**
 * Bounds on reading and evaluating one setup.py, so that hostile input returns quickly with the
 * bound named instead of exhausting time, memory or the stack.
 *
 * @param maxSourceBytes largest setup.py (and file given to exec) read
 * @param maxTokens most tokens in one source
 * @param maxDepth deepest nesting of brackets, operators and blocks the parser accepts
 * @param maxSteps most evaluation steps (statements and expressions) per Python key
 * @param maxLoopIterations most iterations of one loop or comprehension
 * @param maxStringLength longest string (characters) a value may become
 * @param maxCollectionSize most elements a list, tuple, dict or set may hold
 * @param maxCallDepth deepest nesting of calls to functions defined in the evaluated code
 * @param maxIntBits widest integer (bits) arithmetic may produce
 * @param maxExecDepth deepest nesting of exec() of files from the sdist
 * @param maxRegexSteps most character reads one regular expression operation may make
 * @param maxEvalDepth deepest recursion of the evaluator over nested nodes and calls
 * @param maxBuilt most characters and items all large strings and collections built together
 *     may hold, so that many bounded values cannot add up to exhaust memory
 */
record Limits(int maxSourceBytes, int maxTokens, int maxDepth, long maxSteps, int maxLoopIterations,
    int maxStringLength, int maxCollectionSize, int maxCallDepth, int maxIntBits, int maxExecDepth,
    long maxRegexSteps, int maxEvalDepth, long maxBuilt) {

  static final Limits DEFAULT = new Limits(1 << 20, 400_000, 100, 2_000_000, 100_000, 4 << 20,
      1_000_000, 40, 1 << 16, 8, 2_000_000, 600, 64L << 20);
}
