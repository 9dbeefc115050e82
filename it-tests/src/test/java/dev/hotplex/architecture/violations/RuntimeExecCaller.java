package dev.hotplex.architecture.violations;

import java.io.IOException;

/** Starts a process through Runtime.exec, without naming Process or ProcessBuilder in its own code. */
public final class RuntimeExecCaller {

    public void run() throws IOException {
        Runtime.getRuntime().exec(new String[] {"true"}).getClass();
    }
}
