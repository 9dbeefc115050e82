package dev.hotplex.provider.process;

import dev.hotplex.testkit.ProcessGroups;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry's JVM shutdown hook ends live groups when the JVM exits without closing anything. */
class TestLiveProcessRegistryShutdownHook {
    @Test
    void exitingTheJvmEndsTheGroupsItStarted() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ShutdownHookProbe.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long pgid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            pgid = Long.parseLong(out.readLine().strip());
        }

        assertThat(jvm.waitFor(20, TimeUnit.SECONDS)).as("the probe JVM exits").isTrue();

        assertThat(jvm.exitValue()).isZero();
        assertThat(ProcessGroups.liveMembers(pgid)).isEmpty();
    }
}
