package dev.hotplex.provider.claude;

import dev.hotplex.testkit.ProcessGroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "No orphans, ever": an engine killed with SIGKILL in the middle of turns runs neither {@code close()} nor its
 * shutdown hook, so its CLIs keep running; the next engine, on the same state dir, reaps them before serving.
 */
class TestClaudeProviderOrphans {
    @TempDir
    Path root;

    @Test
    void theNextStartReapsTheGroupsOfAKilledEngine() throws Exception {
        try (FakeClaudeFixture fake = new FakeClaudeFixture(root)) {
            Process engine = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), OrphanedEngineProbe.class.getName(),
                    fake.binary.toString(), fake.stateDir.toString(), fake.workDir.toString(), root.toString(),
                    fake.configDir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            List<Long> groups;
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(engine.getInputStream(),
                        StandardCharsets.UTF_8));
                String line = out.readLine();
                assertThat(line).as("the probe engine's process groups").isNotBlank();
                groups = Arrays.stream(line.strip().split(" ")).map(Long::valueOf).toList();
            } finally {
                engine.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook runs
                assertThat(engine.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(groups).hasSize(2);
            groups.forEach(pgid -> assertThat(ProcessGroups.liveMembers(pgid)).as("orphans of group %d", pgid)
                    .isNotEmpty());
            assertThat(ProcessGroups.liveMembers(groups.getFirst())).as("leader, hanging turn, grandchild")
                    .hasSizeGreaterThanOrEqualTo(3);
            try (var records = Files.list(fake.stateDir)) {
                assertThat(records.toList()).hasSize(2);
            }

            ClaudeProvider next = fake.provider(fake.config());
            int reaped = next.reapOrphans();

            assertThat(reaped).isEqualTo(2);
            groups.forEach(pgid -> assertThat(ProcessGroups.liveMembers(pgid)).as("live members of group %d", pgid)
                    .isEmpty());
            try (var records = Files.list(fake.stateDir)) {
                assertThat(records.toList()).isEmpty();
            }
            assertThat(next.reapOrphans()).as("a second call finds nothing").isZero();
        }
    }
}
