package dev.hotplex.core.port.out;

import dev.hotplex.core.model.ToolCall;
import dev.hotplex.core.model.Verdict;

import java.nio.file.Path;
import java.util.List;

/** The firewall port: judges prompts before they reach the agent and tool calls the agent attempts. */
public interface ContentPolicy {
    Verdict checkPrompt(String prompt);

    Verdict checkToolCall(ToolCall call);

    /** Paths under which otherwise dangerous file operations are allowed. */
    void setAllowPaths(List<Path> paths);

    /** A policy that allows everything: for tests and for deployments that opt out explicitly. */
    static ContentPolicy allowAll() {
        return new ContentPolicy() {
            @Override
            public Verdict checkPrompt(String prompt) {
                return Verdict.ALLOWED;
            }

            @Override
            public Verdict checkToolCall(ToolCall call) {
                return Verdict.ALLOWED;
            }

            @Override
            public void setAllowPaths(List<Path> paths) {
                // nothing is blocked, so nothing needs allowing
            }
        };
    }
}
