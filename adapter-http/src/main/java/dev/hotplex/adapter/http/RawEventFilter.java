package dev.hotplex.adapter.http;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.port.in.EventSink;

import static java.util.Objects.requireNonNull;

/**
 * Keeps the CLI's unmapped {@code raw} events away from a client. They carry what the CLI says about the server
 * ({@code system/init} lists its cwd, tools and MCP servers), so they reach clients only when
 * {@code http.forward-raw-events} asks for it; the engine still reports them to telemetry and logs.
 */
final class RawEventFilter implements EventSink {
    private final EventSink client;

    RawEventFilter(EventSink client) {
        this.client = requireNonNull(client, "client is null");
    }

    /** {@code client} itself when raw events are forwarded, else {@code client} behind this filter. */
    static EventSink forClient(EventSink client, boolean forwardRawEvents) {
        return forwardRawEvents ? client : new RawEventFilter(client);
    }

    @Override
    public void accept(AgentEvent event) {
        if (!(event instanceof AgentEvent.Raw)) {
            client.accept(event);
        }
    }
}
