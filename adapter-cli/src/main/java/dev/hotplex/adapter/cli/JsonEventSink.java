package dev.hotplex.adapter.cli;

import dev.hotplex.adapter.cli.json.EventJson;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.port.in.EventSink;

import java.io.PrintWriter;

import static java.util.Objects.requireNonNull;

/** {@code run --json}: every event as one NDJSON line, numbered from 1, flushed at once so consumers can stream. */
final class JsonEventSink implements EventSink {
    private final PrintWriter out;
    private long seq;

    JsonEventSink(PrintWriter out) {
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public void accept(AgentEvent event) {
        out.println(EventJson.line(event, ++seq));
        out.flush();
    }
}
