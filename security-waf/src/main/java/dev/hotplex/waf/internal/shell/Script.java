package dev.hotplex.waf.internal.shell;

import java.util.List;

/** A parsed shell script: its pipelines in order, whatever separated them. */
public record Script(List<Pipeline> pipelines) {
    public Script {
        pipelines = List.copyOf(pipelines);
    }
}
