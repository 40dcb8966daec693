package dev.pypidb.pipelines.export;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.pypidb.compact.CompactDb;
import dev.pypidb.pipelines.TestData;
import dev.pypidb.pipelines.normalize.NormalizePipeline;
import dev.pypidb.pipelines.options.ExportOptions;
import dev.pypidb.pipelines.read.InputResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * normalize then export-db on fixtures/deps-db (dbproj, bucket 5d, UNIX_TIMESTAMP 1694044800) and
 * fixtures/export/rows.jsonl (Exp_Pkg: key exp-pkg, bucket bb = sha256("exp-pkg")[0]; 1.0 and 1.1
 * wheels with the same payload, 1.2 with a non-ASCII requirement, every file with a sha256).
 */
public class ExportDbPipelineTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private Path normalize(String... inputs) throws IOException {
    Path tables = tmp.newFolder("tables").toPath();
    Pipeline n = Pipeline.create(PipelineOptionsFactory.create());
    NormalizePipeline.build(n, InputResolver.resolve(List.of(inputs), null), tables.toString(), 2);
    assertEquals("DONE", n.run().waitUntilFinish().toString());
    return tables;
  }

  private static ExportOptions options(Path tables, Path out) {
    ExportOptions o = PipelineOptionsFactory.as(ExportOptions.class);
    o.setTables(tables.toString());
    o.setOutput(out.toString());
    return o;
  }

  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(x -> root.relativize(x).toString()).sorted().toList();
    }
  }

  private static String text(Path out, String relative) throws IOException {
    return Files.readString(out.resolve(relative), StandardCharsets.UTF_8);
  }

  private static final String EXP_WHEEL = String.join("\n",
      "{",
      "  \"exp-pkg\": {",
      "    \"py3\": {",
      "      \"1.0\": {",
      "        \"exp_pkg-1.0-py3-none-any.whl\": {",
      "          \"requires_dist\": [",
      "            \"six\"",
      "          ],",
      "          \"requires_python\": \">=3.8\"",
      "        }",
      "      },",
      "      \"1.1\": {",
      "        \"exp_pkg-1.1-py3-none-any.whl\": \"1.0@exp_pkg-1.0-py3-none-any.whl\"",
      "      },",
      "      \"1.2\": {",
      "        \"exp_pkg-1.2-py3-none-any.whl\": {",
      "          \"requires_dist\": [",
      "            \"na\\u00efve>=1\"",
      "          ]",
      "        }",
      "      }",
      "    }",
      "  }",
      "}");

  private static final String EXP_HASHES = String.join("\n",
      "{",
      "  \"exp-pkg\": {",
      "    \"1.0\": {",
      "      \"wheels\": {",
      "        \"exp_pkg-1.0-py3-none-any.whl\": [",
      "          \"ERERERERERERERERERERERERERERERERERERERERERE=\",",
      "          \"py3\"",
      "        ]",
      "      }",
      "    },",
      "    \"1.1\": {",
      "      \"sdist\": [",
      "        \"MzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzM=\",",
      "        \"Exp_Pkg-1.1.tar.gz\"",
      "      ],",
      "      \"wheels\": {",
      "        \"exp_pkg-1.1-py3-none-any.whl\": [",
      "          \"IiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiI=\",",
      "          \"py3\"",
      "        ]",
      "      }",
      "    },",
      "    \"1.2\": {",
      "      \"wheels\": {",
      "        \"exp_pkg-1.2-py3-none-any.whl\": [",
      "          \"REREREREREREREREREREREREREREREREREREREREREQ=\",",
      "          \"py3\"",
      "        ]",
      "      }",
      "    }",
      "  }",
      "}");

  private static final String DBPROJ_SDIST = String.join("\n",
      "{",
      "  \"dbproj\": {",
      "    \"1.0\": {",
      "      \"27\": {",
      "        \"install_requires\": [",
      "          \"six\"",
      "        ],",
      "        \"setup_requires\": [],",
      "        \"extras_require\": {",
      "          \"dev\": [],",
      "          \"socks:sys_platform == \\\"win32\\\"\": [",
      "            \"pysocks\"",
      "          ]",
      "        }",
      "      },",
      "      \"36\": \"27\",",
      "      \"37\": {",
      "        \"install_requires\": [",
      "          \"six>=1.10\"",
      "        ]",
      "      }",
      "    },",
      "    \"1.1\": \"1.0\"",
      "  }",
      "}");

  @Test
  public void depsDbCheckoutAndBigQueryRows() throws IOException {
    Path tables = normalize(TestData.fixture("deps-db").toString(), TestData.fixture("export/rows.jsonl").toString());
    Path out = tmp.newFolder("export").toPath();
    ExportDbPipeline.build(p, options(tables, out));
    p.run().waitUntilFinish();

    // Buckets: dbproj -> 5d, exp-pkg -> bb; hashes only where sha256 is known (Exp_Pkg).
    assertEquals(List.of("UNIX_TIMESTAMP", "pypi/bb.json", "sdist-errors/5d.json", "sdist/5d.json",
        "wheel/5d.json", "wheel/bb.json"), files(out.resolve("mach-nix")));
    assertEquals("the checkout's own timestamp", "1694044800\n", text(out, "mach-nix/UNIX_TIMESTAMP"));

    assertEquals(EXP_WHEEL, text(out, "mach-nix/wheel/bb.json"));
    assertEquals(EXP_HASHES, text(out, "mach-nix/pypi/bb.json"));
    assertEquals(DBPROJ_SDIST, text(out, "mach-nix/sdist/5d.json"));
    assertEquals(String.join("\n",
        "{",
        "  \"dbproj\": {",
        "    \"0.9\": {",
        "      \"27\": \"SyntaxError: invalid syntax\",",
        "      \"36\": \"27\"",
        "    }",
        "  }",
        "}"), text(out, "mach-nix/sdist-errors/5d.json"));
    String dbWheel = text(out, "mach-nix/wheel/5d.json");
    assertTrue(dbWheel, dbWheel.contains("\"dbproj-1.1-py3-none-any.whl\": \"1.0@dbproj-1.0-py3-none-any.whl\""));
    assertFalse("1.2's dangling reference was dead-lettered, not exported", dbWheel.contains("1.2"));
    for (String f : files(out.resolve("mach-nix"))) {
      byte[] bytes = Files.readAllBytes(out.resolve("mach-nix").resolve(f));
      for (byte b : bytes) {
        assertTrue(f + " is ASCII", b >= 0);
      }
    }

    Path db = out.resolve("compact").resolve(ExportDbPipeline.COMPACT_FILE);
    try (CompactDb compact = CompactDb.open(db)) {
      assertEquals(List.of("dbproj", "exp-pkg"), compact.projects());
      assertEquals(List.of("1.0", "1.1", "1.2"), compact.versions("Exp_Pkg"));
      assertEquals(List.of("0.9", "1.0", "1.1"), compact.versions("dbproj"));
      assertEquals(Optional.of("11".repeat(32)), compact.sha256("exp_pkg-1.0-py3-none-any.whl"));
      assertEquals(Optional.of("33".repeat(32)), compact.sha256("Exp_Pkg-1.1.tar.gz"));
      assertEquals(Optional.empty(), compact.sha256("dbproj-1.0-py3-none-any.whl"));
    }
    try (Stream<Path> s = Files.walk(out)) {
      assertEquals(List.of(), s.map(x -> x.getFileName().toString()).filter(x -> x.startsWith(".attempt-")).toList());
    }
  }

  @Test
  public void withoutACheckoutTheTimestampIsTheNewestUploadAndTwoExportsAreByteIdentical() throws IOException {
    Path tables = normalize(TestData.fixture("export/rows.jsonl").toString());
    Path a = tmp.newFolder("a").toPath();
    Path b = tmp.newFolder("b").toPath();
    ExportDbPipeline.build(p, options(tables, a));
    p.run().waitUntilFinish();
    ExportOptions o = options(tables, b);
    Pipeline second = Pipeline.create(o);
    ExportDbPipeline.build(second, o);
    assertEquals("DONE", second.run().waitUntilFinish().toString());

    // 2024-03-01 12:30:00 UTC, Exp_Pkg 1.2's upload
    assertEquals("1709296200\n", text(a, "mach-nix/UNIX_TIMESTAMP"));
    assertEquals(EXP_WHEEL, text(a, "mach-nix/wheel/bb.json"));
    List<String> files = files(a);
    assertEquals(List.of("compact/pypidb.db", "mach-nix/UNIX_TIMESTAMP", "mach-nix/pypi/bb.json",
        "mach-nix/wheel/bb.json"), files);
    assertEquals(files, files(b));
    for (String f : files) {
      assertEquals(f, -1L, Files.mismatch(a.resolve(f), b.resolve(f)));
    }

    // A third export over the first one's directory: same files, same bytes, no leftovers.
    ExportOptions o3 = options(tables, a);
    Pipeline third = Pipeline.create(o3);
    ExportDbPipeline.build(third, o3);
    assertEquals("DONE", third.run().waitUntilFinish().toString());
    assertEquals(files, files(a));
    for (String f : files) {
      assertEquals(f, -1L, Files.mismatch(a.resolve(f), b.resolve(f)));
    }
  }
}
