package dev.hotplex.core.error;

/** Who is to blame for an error; adapters map this to HTTP status classes and exit codes. */
public enum ErrorType {
    /** The caller sent something wrong. */
    USER_ERROR,
    /** A bounded resource (sessions, a busy session, rate) is exhausted: retry later. */
    INSUFFICIENT_RESOURCES,
    /** The agent CLI or its model API failed. */
    EXTERNAL,
    /** A bug or an unexpected state in hotplex itself. */
    INTERNAL
}
