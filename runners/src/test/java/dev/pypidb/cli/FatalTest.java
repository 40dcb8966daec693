package dev.pypidb.cli;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import org.junit.Test;

/** The default runner, and what a command says when memory runs out. */
public class FatalTest {
  @Test
  public void embeddedFlinkIsTheDefaultRunner() {
    assertArrayEquals(new String[] {"--runner=FlinkRunner", "--flinkMaster=[local]", "--output=o"},
        PipelineRun.withDefaultRunner(new String[] {"--output=o"}));
    assertArrayEquals(new String[] {"--runner=FlinkRunner", "--flinkMaster=[local]"},
        PipelineRun.withDefaultRunner(new String[] {"--runner=FlinkRunner"}));
    assertArrayEquals(new String[] {"--runner=FlinkRunner", "--flinkMaster=localhost:8081"},
        PipelineRun.withDefaultRunner(new String[] {"--runner=FlinkRunner", "--flinkMaster=localhost:8081"}));
    assertArrayEquals(new String[] {"--runner=DirectRunner"},
        PipelineRun.withDefaultRunner(new String[] {"--runner=DirectRunner"}));
  }

  @Test
  public void outOfMemoryIsFoundAmongCausesAndInRemoteErrorsText() {
    assertTrue(Fatal.outOfMemory(new RuntimeException("stage failed", new OutOfMemoryError("Java heap space"))));
    // a TaskManager's error arrives as text (Flink's SerializedThrowable)
    assertTrue(Fatal.outOfMemory(new IOException("java.lang.OutOfMemoryError: Java heap space")));
    assertFalse(Fatal.outOfMemory(new IOException("disk full")));
  }

  @Test
  public void outOfMemoryAdviceNamesTheRunnerAndWhatToUse() {
    long fourGb = 4L << 30;
    String direct = Fatal.outOfMemoryAdvice("DirectRunner", fourGb);
    assertTrue(direct, direct.startsWith("pypidb: out of memory on the DirectRunner (Java heap 4.0 GB"));
    assertTrue(direct, direct.contains("embedded Flink, the default") && direct.contains("PYPIDB_JAVA_OPTS=-Xmx8g"));
    String local = Fatal.outOfMemoryAdvice("FlinkRunner [local]", fourGb);
    assertTrue(local, local.contains("embedded Flink") && local.contains("-Xmx8g") && local.contains("--flinkMaster"));
    String cluster = Fatal.outOfMemoryAdvice("FlinkRunner on jm:8081", fourGb);
    assertTrue(cluster, cluster.contains("taskmanager.memory.process.size"));
    String unknown = Fatal.outOfMemoryAdvice(null, 1L << 30);
    assertTrue(unknown, unknown.contains("PYPIDB_JAVA_OPTS=-Xmx2g"));
    for (String line : new String[] {direct, local, cluster, unknown}) {
      assertFalse("one line: " + line, line.contains("\n"));
    }
  }
}
