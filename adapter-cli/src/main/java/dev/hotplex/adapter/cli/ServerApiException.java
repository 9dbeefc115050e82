package dev.hotplex.adapter.cli;

/** A call to the hotplex server that did not succeed, with the message to print and the exit code to end with. */
final class ServerApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    ServerApiException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    ServerApiException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
