package dev.hotplex.provider.claude;

import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.testkit.ProcessGroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fault, many times over: afterwards the JVM holds no more file descriptors or platform threads than
 * before (beyond a small slack for JDK-internal pools), so a long-running engine does not slowly leak.
 */
class TestClaudeProviderResourceLeaks {
    private static final List<String> FAULTS = List.of("hello", "garbage", "crash", "grandchild", "flood 1",
            "exit-after", "hang");
    private static final int ROUNDS = 3;

    @TempDir
    Path root;
    private FakeClaudeFixture fake;
    private ClaudeProvider provider;

    @BeforeEach
    void setUp() {
        fake = new FakeClaudeFixture(root);
        provider = fake.provider(fake.config().shutdownGrace(Duration.ofMillis(500)));
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void faultsLeaveNoFileDescriptorsOrThreadsBehind() throws Exception {
        runFaults(1); // warm up JDK-internal pools (process reaper, virtual-thread carriers)
        long fdsBefore = openFileDescriptors();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

        runFaults(ROUNDS);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((openFileDescriptors() > fdsBefore + 4
                || ManagementFactory.getThreadMXBean().getThreadCount() > threadsBefore + 4)
                && System.nanoTime() < deadline) {
            Thread.sleep(50); // pump threads end asynchronously after their process is reaped
        }
        assertThat(openFileDescriptors()).isLessThanOrEqualTo(fdsBefore + 4);
        assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThanOrEqualTo(threadsBefore + 4);
        assertThat(provider.liveProcessGroups()).isEmpty();
    }

    private void runFaults(int rounds) {
        for (int round = 0; round < rounds; round++) {
            for (String fault : FAULTS) {
                AgentConnection connection = provider.open(fake.spec());
                if (fault.equals("hang")) {
                    fake.start(connection, fault);
                } else {
                    fake.run(connection, fault);
                }
                connection.close(Duration.ofMillis(500));
            }
        }
    }

    private static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
