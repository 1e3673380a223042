package dev.guanxi.crm;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs bench/speed-and-scale.sh on a tiny data set with one-second runs, so that the benchmark harness keeps working
 * as the product changes. Checks only that every scenario ran without errors: timings are measured, not asserted.
 */
class BenchmarkSmokeTest {

    @Test
    void benchmarkHarnessRunsEveryScenario() throws Exception {
        Process tools = new ProcessBuilder("bash", "-c", "command -v wrk && command -v pgbench && command -v psql")
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(tools.waitFor() == 0,
                "The benchmark smoke run needs wrk, pgbench and psql; install them with: "
                        + "apt-get install -y wrk postgresql-client (.ci/run does)");
        Path dataDir = Path.of("target/bench/smoke-pg");
        Path out = Path.of("target/bench/smoke.md");
        FileSystemUtils.deleteRecursively(dataDir);
        Files.createDirectories(dataDir.getParent());
        Files.deleteIfExists(out);
        Process bench = new ProcessBuilder("bash", "bench/speed-and-scale.sh", "--customers", "300", "--seconds", "1",
                "--connections", "4", "--no-build", "--data-dir", dataDir.toString(), "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(new File("target/bench/smoke.log")).start();
        assertThat(bench.waitFor(5, TimeUnit.MINUTES)).as("finished within 5 minutes").isTrue();
        assertThat(bench.exitValue()).as("exit code; see target/bench/smoke.log").isZero();

        List<String> rows = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("| ") && !l.startsWith("| scenario") && !l.startsWith("| memory")).toList();
        List<String> scenarios = rows.stream().filter(l -> l.contains("(API") || l.contains("(HTML")
                || l.startsWith("| mixed")).toList();
        assertThat(scenarios).hasSize(12);
        for (String row : scenarios) {
            String[] cells = row.split("\\|");
            assertThat(Double.parseDouble(cells[2].trim())).as("requests/s of %s", row).isPositive();
            assertThat(cells[4].trim()).as("errors of %s", row).isEqualTo("0");
            if (!row.startsWith("| mixed")) {
                assertThat(Double.parseDouble(cells[5].trim())).as("JDBC requests/s of %s", row).isPositive();
            }
        }
        assertThat(rows).anyMatch(l -> l.contains("pgbench -S")).anyMatch(l -> l.startsWith("| RSS"));
    }
}
