package dev.hotplex.provider.process;

/**
 * One process for good: a pid alone can be reused once the process is gone, a pid plus the start time
 * ({@code /proc/<pid>/stat} field 22, clock ticks since boot) cannot, until the next reboot.
 *
 * @param pid       the process id
 * @param startTime clock ticks from boot to the process's start
 */
record ProcessIdentity(long pid, long startTime) {
    ProcessIdentity {
        if (pid < 1 || startTime < 0) {
            throw new IllegalArgumentException("not a process: pid " + pid + ", start time " + startTime);
        }
    }
}
