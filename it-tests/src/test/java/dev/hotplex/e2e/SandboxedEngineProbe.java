package dev.hotplex.e2e;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.provider.process.SandboxMode;
import dev.hotplex.testkit.RecordingEventSink;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Run in a JVM of its own by {@link SandboxEndToEndTest}: an engine over the real CLI in the sandbox, with one
 * session busy on a turn whose API request hangs; prints the CLI's process group id and waits to be killed with
 * SIGKILL. Args: the CLI binary, the base dir, then the CLI's environment as {@code NAME=value}.
 */
public final class SandboxedEngineProbe {
    private SandboxedEngineProbe() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> environment = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            environment.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        SandboxedClaude claude = new SandboxedClaude(Path.of(args[0]), Path.of(args[1]), environment,
                SandboxMode.BWRAP);
        RecordingEventSink sink = new RecordingEventSink();
        claude.engine.submit(SessionConfig.of("acme:doomed").withOwner("acme").withWorkDir("doomed"), "hang", sink);
        AgentEvent.SessionStart start = sink.awaitEvent(AgentEvent.SessionStart.class, RealClaude.WAIT);
        System.out.println(start.pid().getAsLong());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
