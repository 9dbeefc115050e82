package dev.hotplex.waf.internal.shell;

import java.util.List;

/** Commands joined by {@code |}: each stage reads what the earlier ones wrote. */
public record Pipeline(List<SimpleCommand> stages) {
    public Pipeline {
        stages = List.copyOf(stages);
    }
}
