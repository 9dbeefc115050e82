package dev.hotplex.testkit;

import dev.hotplex.core.model.Severity;
import dev.hotplex.core.model.ToolCall;
import dev.hotplex.core.model.Verdict;
import dev.hotplex.core.port.out.ContentPolicy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * A firewall with one rule, enough to test how the engine handles blocks without the real rule
 * packs: prompts and Bash commands containing a substring ({@link #DEFAULT_BLOCKED} unless given)
 * are blocked as {@link #RULE_ID}. It records what it was asked to judge.
 */
public final class BlockingContentPolicy implements ContentPolicy {
    public static final String DEFAULT_BLOCKED = "rm -rf /";
    public static final String RULE_ID = "test.rm-rf-root";
    public static final String CATEGORY = "destructive";

    private final String blocked;
    private final List<String> checkedPrompts = new CopyOnWriteArrayList<>();
    private final List<ToolCall> checkedToolCalls = new CopyOnWriteArrayList<>();
    private final AtomicReference<List<Path>> allowPaths = new AtomicReference<>(List.of());

    public BlockingContentPolicy() {
        this(DEFAULT_BLOCKED);
    }

    public BlockingContentPolicy(String blocked) {
        this.blocked = requireNonNull(blocked, "blocked is null");
        if (blocked.isEmpty()) {
            throw new IllegalArgumentException("blocked is empty: it would block everything");
        }
    }

    @Override
    public Verdict checkPrompt(String prompt) {
        requireNonNull(prompt, "prompt is null");
        checkedPrompts.add(prompt);
        return judge(prompt, "the prompt");
    }

    /** Blocks Bash calls whose {@code command} contains the substring; allows every other tool. */
    @Override
    public Verdict checkToolCall(ToolCall call) {
        requireNonNull(call, "call is null");
        checkedToolCalls.add(call);
        if (!call.toolName().equals("Bash")) {
            return Verdict.ALLOWED;
        }
        return call.stringInput("command").map(command -> judge(command, "the Bash command")).orElse(Verdict.ALLOWED);
    }

    /** Only recorded: the single rule here has no path exceptions. */
    @Override
    public void setAllowPaths(List<Path> paths) {
        allowPaths.set(List.copyOf(requireNonNull(paths, "paths is null")));
    }

    /** The paths of the last {@link #setAllowPaths} call. */
    public List<Path> allowPaths() {
        return allowPaths.get();
    }

    public List<String> checkedPrompts() {
        return List.copyOf(checkedPrompts);
    }

    public List<ToolCall> checkedToolCalls() {
        return List.copyOf(checkedToolCalls);
    }

    private Verdict judge(String text, String what) {
        if (!text.contains(blocked)) {
            return Verdict.ALLOWED;
        }
        return new Verdict.Blocked(RULE_ID, CATEGORY, Severity.CRITICAL, what + " contains '" + blocked + "'", blocked,
                "name the exact files or directories to delete");
    }
}
