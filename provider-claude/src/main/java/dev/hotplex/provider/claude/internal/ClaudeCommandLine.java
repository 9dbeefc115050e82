package dev.hotplex.provider.claude.internal;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.port.out.SessionSpec;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Builds the arguments of a hot session's CLI (after the binary): stream-json in and out, one
 * conversation per process ({@code --session-id} for a new one, {@code --resume} to continue one), the
 * appended system prompt only for a new conversation (a resumed one keeps its own), the session's tool
 * lists, then the engine-wide flags and the configured extra arguments. A list, never a shell line.
 */
public final class ClaudeCommandLine {
    private final ClaudeFlags flags;

    public ClaudeCommandLine(ClaudeFlags flags) {
        this.flags = requireNonNull(flags, "flags is null");
    }

    public List<String> arguments(SessionSpec spec) {
        requireNonNull(spec, "spec is null");
        List<String> args = new ArrayList<>(List.of(
                "-p", "--input-format", "stream-json", "--output-format", "stream-json", "--verbose"));
        if (flags.partialMessages()) {
            args.add("--include-partial-messages");
        }
        if (flags.permissionPromptStdio()) {
            add(args, "--permission-prompt-tool", "stdio");
        }
        flags.permissionMode().ifPresent(mode -> add(args, "--permission-mode", mode));
        flags.model().ifPresent(model -> add(args, "--model", model));
        if (spec.resume()) {
            add(args, "--resume", spec.providerSessionId());
        } else {
            add(args, "--session-id", spec.providerSessionId());
            spec.systemPrompt().filter(prompt -> !prompt.isBlank())
                    .ifPresent(prompt -> add(args, "--append-system-prompt", prompt));
        }
        tools(args, "--allowedTools", spec.allowedTools());
        tools(args, "--disallowedTools", spec.disallowedTools());
        flags.maxTurns().ifPresent(turns -> add(args, "--max-turns", Integer.toString(turns)));
        flags.mcpConfig().ifPresent(config -> add(args, "--mcp-config", config));
        flags.addDirs().forEach(dir -> add(args, "--add-dir", dir.toString()));
        args.addAll(flags.extraArgs());
        return List.copyOf(args);
    }

    /** Tool rules joined by commas; a rule starting with a dash would be read as a flag, so it is refused. */
    private static void tools(List<String> args, String flag, List<String> tools) {
        List<String> rules = tools.stream().map(String::strip).filter(rule -> !rule.isEmpty()).toList();
        for (String rule : rules) {
            if (rule.startsWith("-")) {
                throw new HotplexException(StandardErrorCode.INVALID_CONFIG,
                        "tool rule '" + rule + "' for " + flag + " must not start with '-'");
            }
        }
        if (!rules.isEmpty()) {
            add(args, flag, String.join(",", rules));
        }
    }

    private static void add(List<String> args, String flag, String value) {
        args.add(flag);
        args.add(value);
    }
}
