package dev.hotplex.provider.process;

import java.util.Arrays;
import java.util.Locale;

/** {@code sandbox.mode}: how agent processes are confined. */
public enum SandboxMode {
    /** Unconfined: the agent can read and write whatever the engine user can. */
    NONE,
    /** Bubblewrap: read-only root, private /tmp, own pid namespace, only the session's dirs writable. */
    BWRAP;

    /** The configuration spelling: {@code none} or {@code bwrap}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #key()}; {@link IllegalArgumentException} naming the allowed values otherwise. */
    public static SandboxMode parse(String key) {
        return Arrays.stream(values()).filter(mode -> mode.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown sandbox mode '" + key + "'; use "
                        + Arrays.stream(values()).map(SandboxMode::key).toList()));
    }
}
