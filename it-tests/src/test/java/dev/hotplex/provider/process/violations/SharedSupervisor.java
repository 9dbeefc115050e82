package dev.hotplex.provider.process.violations;

import java.io.IOException;

/** Test-only fixture: the shared provider-process module, which may start processes. */
public final class SharedSupervisor {

    public Process launch(ProcessBuilder builder) throws IOException {
        return builder.start();
    }
}
