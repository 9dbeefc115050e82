package dev.hotplex.testkit.fakeapi;

import java.time.Duration;
import java.util.List;

/**
 * A fake model API serving one endpoint on an ephemeral port of 127.0.0.1, and what it was asked: the part the
 * fakes of every vendor share. {@link #close()} releases hanging and slow answers.
 */
public abstract class FakeApi implements AutoCloseable {
    private final RequestLog log;
    private final FakeApiServer server;

    /**
     * Starts serving {@code POST <path>} through {@code endpoint}. {@code apiName} (e.g. {@code "fake Anthropic API"})
     * names the fake in errors and logs, {@code requestKind} (e.g. {@code "Messages"}) the requests it serves.
     */
    protected FakeApi(String apiName, String path, String requestKind, Endpoint endpoint) {
        this.log = new RequestLog(requestKind);
        this.server = FakeApiServer.start(apiName, path, endpoint, log);
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    protected final String origin() {
        return server.origin();
    }

    /** Every body of a served request received so far, in arrival order. */
    public final List<String> requestBodies() {
        return log.bodies();
    }

    /** The bodies once at least {@code count} served requests arrived; {@link IllegalStateException} on timeout. */
    public final List<String> awaitRequestBodies(int count, Duration timeout) {
        return log.awaitBodies(count, timeout);
    }

    /** Calls answered 404, as {@code "<METHOD> <uri>"}: a client talking to the fake should make none. */
    public final List<String> unexpectedRequests() {
        return log.unexpected();
    }

    /** Streams the client abandoned midway (disconnects, e.g. when the CLI is interrupted). */
    public final int abortedResponses() {
        return log.aborted();
    }

    /** The count once at least {@code count} streams were abandoned; {@link IllegalStateException} on timeout. */
    public final int awaitAbortedResponses(int count, Duration timeout) {
        return log.awaitAborted(count, timeout);
    }

    /** Releases hanging and slow answers, stops listening and waits briefly for the handlers to end; idempotent. */
    @Override
    public final void close() {
        server.close();
    }
}
