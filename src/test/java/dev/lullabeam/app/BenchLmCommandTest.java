package dev.lullabeam.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

import dev.lullabeam.lib.lm.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's plumbing on a tiny model; the real figures come from the 125M shape (docs/benchmarks-lm.md). */
class BenchLmCommandTest {
  @Test
  void printsThroughputAndKvCacheTables(@TempDir Path dir) throws Exception {
    Path model = TestModels.writeTiny(dir.resolve("tiny"), 2);
    GenerateCommandTest.Run run = new GenerateCommandTest.Run(new BenchLmCommand(), "--checkpoint", model.toString(),
        "--batch-sizes", "1,3", "--prompt-tokens", "5", "--new-tokens", "6", "--kv-lengths", "20");
    assertThat(run.err, run.exitCode, is(0));
    assertThat(run.out, containsString("Matmul ceiling"));
    assertThat(run.out, matchesPattern("(?s).*\\n\\| 1 \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9]+% \\|.*"));
    assertThat(run.out, matchesPattern("(?s).*\\n\\| 3 \\| [0-9.]+ \\|.*"));
    // KV cache and full recomputation must agree token for token.
    assertThat(run.out, matchesPattern("(?s).*\\n\\| 20 \\| .* \\| yes \\|.*"));
    GenerateCommandTest.Run exhaustive = new GenerateCommandTest.Run(new BenchLmCommand(), "--checkpoint",
        model.toString(), "--batch-sizes", "2", "--new-tokens", "3", "--kv-lengths", "12", "--exhaustive-recompute");
    assertThat(exhaustive.err, exhaustive.exitCode, is(0));
    assertThat(exhaustive.out, containsString("full recomputation s (run)"));
    assertThat(exhaustive.out, matchesPattern("(?s).*\\n\\| 12 \\| .* \\| yes \\|.*"));
  }
}
