package dev.hotplex.adapter.cli;

import dev.hotplex.core.error.HotplexException;

import java.nio.file.Path;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * The state dir's session store is held by another hotplex process: a second engine on it would interleave its
 * writes with the first one's. It keeps the store's own error code; commands catch it specifically to say what to do
 * and exit with {@link ExitCodes#STATE_DIR_IN_USE}.
 */
public final class StateDirInUseException extends HotplexException {
    private static final long serialVersionUID = 1L;

    private final transient Path stateDir;
    private final transient OptionalLong holderPid;

    public StateDirInUseException(Path stateDir, OptionalLong holderPid, HotplexException cause) {
        super(requireNonNull(cause, "cause is null").errorCode(), cause.getMessage(), cause);
        this.stateDir = requireNonNull(stateDir, "stateDir is null");
        this.holderPid = requireNonNull(holderPid, "holderPid is null");
    }

    public Path stateDir() {
        return stateDir;
    }

    /** The holder's pid, when the lock file names it. */
    public OptionalLong holderPid() {
        return holderPid;
    }

    /** One line: who holds the state dir and the ways out. */
    public String advice() {
        String holder = holderPid.isPresent() ? "hotplex process " + holderPid.getAsLong() : "another hotplex process";
        return "the state dir " + stateDir + " is in use by " + holder + " (a running `hotplex serve`?): stop it, "
                + "reach its sessions with `hotplex sessions`, or give this command its own state dir: "
                + "hotplex --set state.dir=DIR ...";
    }
}
