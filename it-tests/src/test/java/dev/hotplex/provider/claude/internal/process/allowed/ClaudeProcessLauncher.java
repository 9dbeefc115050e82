package dev.hotplex.provider.claude.internal.process.allowed;

import java.io.IOException;

/** Test-only near miss: a provider's own process-supervision package may start and inspect processes. */
public final class ClaudeProcessLauncher {

    public Process launch(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        return process;
    }
}
