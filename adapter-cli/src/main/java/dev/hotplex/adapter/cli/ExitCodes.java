package dev.hotplex.adapter.cli;

import dev.hotplex.core.error.ErrorCode;
import dev.hotplex.core.error.ErrorType;
import dev.hotplex.core.error.StandardErrorCode;

/** The documented exit codes of the {@code hotplex} command. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The turn ran and ended in an error (agent failure, crash, timeout, interrupt). */
    public static final int TURN_FAILED = 1;
    /** Bad command line or bad input. */
    public static final int USAGE = 2;
    /** The firewall blocked the prompt. */
    public static final int BLOCKED = 3;
    /** The agent CLI is missing, not configured, or could not start. */
    public static final int PROVIDER_UNAVAILABLE = 4;
    /** The session is busy or the engine is at capacity: retry later. */
    public static final int BUSY = 5;
    /** {@code hotplex sessions}: the server cannot be reached or did not answer in time. */
    public static final int SERVER_UNREACHABLE = 6;
    /** {@code hotplex sessions}: the server refused the API key (HTTP 401). */
    public static final int UNAUTHORIZED = 7;
    /** {@code hotplex sessions}: no such session for this API key (HTTP 404). */
    public static final int NOT_FOUND = 8;
    /**
     * {@code run}, {@code chat}, {@code serve}: another hotplex process (typically a running {@code hotplex serve})
     * holds the state dir's session store; stop it or give this command its own {@code state.dir}.
     */
    public static final int STATE_DIR_IN_USE = 9;
    /** {@code hotplex run}: Ctrl-C interrupted the turn (128 + SIGINT, as shells report it). */
    public static final int INTERRUPTED = 130;
    /** A bug in hotplex. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }

    /**
     * The exit code of a failure. Codes of other modules (the store's, the HTTP adapter's) have no case of their own:
     * their {@link ErrorType} says whose fault it was.
     */
    public static int forError(ErrorCode code) {
        if (code instanceof StandardErrorCode standard) {
            return switch (standard) {
                case INVALID_CONFIG, INVALID_REQUEST, SESSION_NOT_FOUND, UNAUTHORIZED, PERMISSION_REQUEST_NOT_FOUND -> USAGE;
                case DANGER_BLOCKED -> BLOCKED;
                case PROVIDER_UNAVAILABLE, PROCESS_START_FAILED -> PROVIDER_UNAVAILABLE;
                case SESSION_BUSY, CAPACITY, ENGINE_CLOSED -> BUSY;
                case TURN_TIMEOUT, PROCESS_DIED, INTERRUPTED, PERMISSION_TIMEOUT, TURN_FAILED -> TURN_FAILED;
                case INTERNAL -> INTERNAL;
            };
        }
        return switch (code.type()) {
            case USER_ERROR -> USAGE;
            case INSUFFICIENT_RESOURCES -> BUSY;
            case EXTERNAL -> TURN_FAILED;
            case INTERNAL -> INTERNAL;
        };
    }
}
