package dev.hotplex.provider.claude.violations;

import java.io.IOException;

/** Test-only fixture: a provider starting and signalling processes itself instead of through provider-process. */
public final class ClaudeStartingItsOwnProcess {

    public Process launch(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        return process;
    }
}
