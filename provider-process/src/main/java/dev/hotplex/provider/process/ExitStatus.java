package dev.hotplex.provider.process;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a child ended, known once its stdout and stderr are fully read.
 *
 * @param code       the exit value as the JDK reports it ({@code 128 + n} when killed by signal n)
 * @param stderrTail the last of what it wrote to stderr
 * @param stopReason why hotplex stopped it, when hotplex did
 */
public record ExitStatus(int code, String stderrTail, Optional<String> stopReason) {
    private static final int SIGNAL_BASE = 128;
    private static final int MAX_SIGNAL = 64;

    public ExitStatus {
        requireNonNull(stderrTail, "stderrTail is null");
        requireNonNull(stopReason, "stopReason is null");
    }

    /** E.g. {@code exit code 3} or {@code exit code 137 (signal 9)}. */
    public String describeCode() {
        int signal = code - SIGNAL_BASE;
        return signal > 0 && signal <= MAX_SIGNAL ? "exit code " + code + " (signal " + signal + ")" : "exit code " + code;
    }

    /** The exit code plus the stderr tail, if any, for error messages. */
    public String describe() {
        return stderrTail.isEmpty() ? describeCode() : describeCode() + "; stderr: " + stderrTail;
    }
}
