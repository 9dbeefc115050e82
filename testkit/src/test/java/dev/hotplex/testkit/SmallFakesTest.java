package dev.hotplex.testkit;

import dev.hotplex.core.model.BlockLayer;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.Severity;
import dev.hotplex.core.model.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.hotplex.testkit.Fixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simple fakes: clock, ids, store, policy, observer. */
class SmallFakesTest {
    @Test
    void manualClockMovesOnlyWhenTold() {
        ManualClock clock = new ManualClock();
        assertThat(clock.now()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(clock.advance(Duration.ofSeconds(90))).isEqualTo(Instant.parse("2026-01-01T00:01:30Z"));
        clock.set(Instant.EPOCH);

        assertThat(clock.now()).isEqualTo(Instant.EPOCH);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsAreSequential() {
        SequentialIdGenerator ids = new SequentialIdGenerator("turn");

        assertThat(List.of(ids.newId(), ids.newId())).containsExactly("turn-1", "turn-2");
        assertThat(new SequentialIdGenerator().newId()).isEqualTo("id-1");
        assertThat(ids.issuedCount()).isEqualTo(2);
    }

    @Test
    void policyBlocksTheSubstringInPromptsAndBashCommandsOnly() {
        BlockingContentPolicy policy = new BlockingContentPolicy();

        Verdict prompt = policy.checkPrompt("please rm -rf / now");
        assertThat(prompt).isEqualTo(new Verdict.Blocked("test.rm-rf-root", "destructive", Severity.CRITICAL,
                "the prompt contains 'rm -rf /'", "rm -rf /", "name the exact files or directories to delete"));
        assertThat(policy.checkPrompt("list files")).isEqualTo(Verdict.ALLOWED);
        assertThat(policy.checkToolCall(ToolCalls.bash("t1", "sudo rm -rf /")).blocked()).isTrue();
        assertThat(policy.checkToolCall(ToolCalls.write("t2", "notes.txt", "rm -rf /"))).isEqualTo(Verdict.ALLOWED);
        policy.setAllowPaths(List.of(Path.of("/tmp/scratch")));

        assertThat(policy.allowPaths()).containsExactly(Path.of("/tmp/scratch"));
        assertThat(policy.checkedPrompts()).containsExactly("please rm -rf / now", "list files");
        assertThat(policy.checkedToolCalls()).hasSize(2);
    }

    @Test
    void observerRecordsAndAwaitsCallbacks() {
        RecordingEngineObserver observer = new RecordingEngineObserver();
        Verdict.Blocked verdict = (Verdict.Blocked) new BlockingContentPolicy().checkPrompt("rm -rf /");
        observer.sessionCounts(1, 0);
        observer.blocked(SessionId.of("s"), BlockLayer.PROMPT, verdict);
        CompletableFuture.runAsync(() -> observer.sessionCounts(0, 0));

        assertThat(observer.await(RecordingEngineObserver.SessionCounts.class, counts -> counts.active() == 0, WAIT))
                .isEqualTo(new RecordingEngineObserver.SessionCounts(0, 0));
        assertThat(observer.lastSessionCounts()).contains(new RecordingEngineObserver.SessionCounts(0, 0));
        assertThat(observer.blockedVerdicts()).containsExactly(verdict);
        assertThat(observer.count(RecordingEngineObserver.SessionCounts.class)).isEqualTo(2);
        assertThat(observer.processStartedCount()).isZero();
        assertThat(observer.turnResults()).isEmpty();
    }
}
