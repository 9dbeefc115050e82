package dev.hotplex.adapter.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Settings of the HTTP adapter. Immutable; start from {@link #defaults()} and use the {@code withX} methods.
 *
 * @param host                where to bind; a non-loopback host needs API keys or {@code allowInsecureBind}
 * @param port                TCP port; 0 picks a free one (see {@link HotplexHttpServer#port()})
 * @param apiKeys             bearer keys as (tenant, SHA-256) pairs; empty means one anonymous {@code default} tenant
 * @param allowInsecureBind   lets a server without keys bind to a non-loopback address (logged as a warning)
 * @param maxBodyBytes        request bodies above this answer 413
 * @param maxPromptChars      prompts above this answer 413 before reaching the engine
 * @param rateLimit           per-tenant request budget (429 + Retry-After beyond it)
 * @param heartbeatInterval   idle SSE streams get a comment this often, which also detects gone clients
 * @param disconnectPolicy    what a gone client does to its running turn
 * @param shutdownDeadline    how long {@link HotplexHttpServer#close()} lets running turns finish
 * @param streamBufferEvents  events buffered per stream for a slow client; overflow ends that stream
 * @param workspaceRoot       checked for writability by {@code /readyz}; empty skips the check
 * @param forwardRawEvents    whether the CLI's unmapped {@code raw} events (e.g. {@code system/init}: the server's cwd,
 *                            tools, MCP servers) reach clients; off by default, they still reach telemetry and logs
 * @param maxStreamsPerTenant turns one tenant may stream at once (SSE, JSON and WebSocket together); beyond it 429
 * @param idleTimeout         a connection with no traffic for this long is closed (slow-loris defence; SSE heartbeats
 *                            and WebSocket traffic keep live ones open)
 */
public record HttpConfig(
        String host,
        int port,
        List<ApiKey> apiKeys,
        boolean allowInsecureBind,
        long maxBodyBytes,
        int maxPromptChars,
        RateLimit rateLimit,
        Duration heartbeatInterval,
        DisconnectPolicy disconnectPolicy,
        Duration shutdownDeadline,
        int streamBufferEvents,
        Optional<Path> workspaceRoot,
        boolean forwardRawEvents,
        int maxStreamsPerTenant,
        Duration idleTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8088;
    public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;
    public static final int DEFAULT_MAX_PROMPT_CHARS = 1_000_000;
    public static final int DEFAULT_MAX_STREAMS_PER_TENANT = 32;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public HttpConfig {
        requireNonNull(host, "host is null");
        apiKeys = List.copyOf(requireNonNull(apiKeys, "apiKeys is null"));
        requireNonNull(rateLimit, "rateLimit is null");
        requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        requireNonNull(disconnectPolicy, "disconnectPolicy is null");
        requireNonNull(shutdownDeadline, "shutdownDeadline is null");
        requireNonNull(workspaceRoot, "workspaceRoot is null");
        requireNonNull(idleTimeout, "idleTimeout is null");
        check(!host.isBlank(), "host is blank");
        check(port >= 0 && port <= 65_535, "port out of range: " + port);
        check(maxBodyBytes > 0, "maxBodyBytes must be positive: " + maxBodyBytes);
        check(maxPromptChars > 0, "maxPromptChars must be positive: " + maxPromptChars);
        check(!heartbeatInterval.isNegative() && !heartbeatInterval.isZero(), "heartbeatInterval must be positive");
        check(!shutdownDeadline.isNegative(), "shutdownDeadline is negative");
        check(streamBufferEvents > 0, "streamBufferEvents must be positive: " + streamBufferEvents);
        check(maxStreamsPerTenant > 0, "maxStreamsPerTenant must be positive: " + maxStreamsPerTenant);
        check(idleTimeout.compareTo(Duration.ofSeconds(1)) >= 0, "idleTimeout must be at least 1s");
        check(idleTimeout.compareTo(heartbeatInterval) > 0,
                "idleTimeout must be longer than heartbeatInterval, or idle SSE streams would be cut");
        check(apiKeys.stream().map(ApiKey::sha256Hex).distinct().count() == apiKeys.size(),
                "the same API key is configured twice");
    }

    public static HttpConfig defaults() {
        return new HttpConfig(DEFAULT_HOST, DEFAULT_PORT, List.of(), false, DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_PROMPT_CHARS, RateLimit.perSecond(50), Duration.ofSeconds(15), DisconnectPolicy.INTERRUPT,
                Duration.ofSeconds(30), 1024, Optional.empty(), false, DEFAULT_MAX_STREAMS_PER_TENANT,
                DEFAULT_IDLE_TIMEOUT);
    }

    public HttpConfig withHost(String value) {
        return new HttpConfig(value, port, apiKeys, allowInsecureBind, maxBodyBytes, maxPromptChars, rateLimit,
                heartbeatInterval, disconnectPolicy, shutdownDeadline, streamBufferEvents, workspaceRoot,
                forwardRawEvents, maxStreamsPerTenant, idleTimeout);
    }

    public HttpConfig withPort(int value) {
        return new HttpConfig(host, value, apiKeys, allowInsecureBind, maxBodyBytes, maxPromptChars, rateLimit,
                heartbeatInterval, disconnectPolicy, shutdownDeadline, streamBufferEvents, workspaceRoot,
                forwardRawEvents, maxStreamsPerTenant, idleTimeout);
    }

    public HttpConfig withApiKeys(List<ApiKey> value) {
        return new HttpConfig(host, port, value, allowInsecureBind, maxBodyBytes, maxPromptChars, rateLimit,
                heartbeatInterval, disconnectPolicy, shutdownDeadline, streamBufferEvents, workspaceRoot,
                forwardRawEvents, maxStreamsPerTenant, idleTimeout);
    }

    public HttpConfig withAllowInsecureBind(boolean value) {
        return new HttpConfig(host, port, apiKeys, value, maxBodyBytes, maxPromptChars, rateLimit,
                heartbeatInterval, disconnectPolicy, shutdownDeadline, streamBufferEvents, workspaceRoot,
                forwardRawEvents, maxStreamsPerTenant, idleTimeout);
    }

    public HttpConfig withLimits(long bodyBytes, int promptChars) {
        return new HttpConfig(host, port, apiKeys, allowInsecureBind, bodyBytes, promptChars, rateLimit,
                heartbeatInterval, disconnectPolicy, shutdownDeadline, streamBufferEvents, workspaceRoot,
                forwardRawEvents, maxStreamsPerTenant, idleTimeout);
    }

    public HttpConfig withRateLimit(RateLimit value) {
        return new HttpConfig(host, port, apiKeys, allowInsecureBind, maxBodyBytes, maxPromptChars, value,
                heartbeatInterval, disconnectPolicy, shutdownDeadline, streamBufferEvents, workspaceRoot,
                forwardRawEvents, maxStreamsPerTenant, idleTimeout);
    }

    public HttpConfig withStreaming(Duration heartbeat, DisconnectPolicy policy, int bufferEvents) {
        return new HttpConfig(host, port, apiKeys, allowInsecureBind, maxBodyBytes, maxPromptChars, rateLimit,
                heartbeat, policy, shutdownDeadline, bufferEvents, workspaceRoot,
                forwardRawEvents, maxStreamsPerTenant, idleTimeout);
    }

    public HttpConfig withShutdownDeadline(Duration value) {
        return new HttpConfig(host, port, apiKeys, allowInsecureBind, maxBodyBytes, maxPromptChars, rateLimit,
                heartbeatInterval, disconnectPolicy, value, streamBufferEvents, workspaceRoot,
                forwardRawEvents, maxStreamsPerTenant, idleTimeout);
    }

    public HttpConfig withWorkspaceRoot(Path value) {
        return new HttpConfig(host, port, apiKeys, allowInsecureBind, maxBodyBytes, maxPromptChars, rateLimit,
                heartbeatInterval, disconnectPolicy, shutdownDeadline, streamBufferEvents, Optional.of(value),
                forwardRawEvents, maxStreamsPerTenant, idleTimeout);
    }

    public HttpConfig withForwardRawEvents(boolean value) {
        return new HttpConfig(host, port, apiKeys, allowInsecureBind, maxBodyBytes, maxPromptChars, rateLimit,
                heartbeatInterval, disconnectPolicy, shutdownDeadline, streamBufferEvents, workspaceRoot, value,
                maxStreamsPerTenant, idleTimeout);
    }

    public HttpConfig withMaxStreamsPerTenant(int value) {
        return new HttpConfig(host, port, apiKeys, allowInsecureBind, maxBodyBytes, maxPromptChars, rateLimit,
                heartbeatInterval, disconnectPolicy, shutdownDeadline, streamBufferEvents, workspaceRoot,
                forwardRawEvents, value, idleTimeout);
    }

    public HttpConfig withIdleTimeout(Duration value) {
        return new HttpConfig(host, port, apiKeys, allowInsecureBind, maxBodyBytes, maxPromptChars, rateLimit,
                heartbeatInterval, disconnectPolicy, shutdownDeadline, streamBufferEvents, workspaceRoot,
                forwardRawEvents, maxStreamsPerTenant, value);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
