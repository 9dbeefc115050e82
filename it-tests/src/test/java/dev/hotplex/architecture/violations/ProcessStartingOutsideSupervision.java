package dev.hotplex.architecture.violations;

import java.io.IOException;

/** Starts a process outside the process-supervision package. */
public final class ProcessStartingOutsideSupervision {

    public Process start() throws IOException {
        return new ProcessBuilder("true").start();
    }
}
