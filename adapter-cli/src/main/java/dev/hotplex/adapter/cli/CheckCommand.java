package dev.hotplex.adapter.cli;

import dev.hotplex.adapter.cli.json.CheckLines;
import dev.hotplex.core.model.Verdict;
import dev.hotplex.core.port.in.Engine;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * {@code hotplex check TEXT}: the firewall's verdict without running anything, for trying rules out and for scripts
 * ({@code --jsonl} checks a stream of inputs, one verdict per line, and never stops on a bad line).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Ask the firewall whether a prompt (or a shell command) would be blocked.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:allowed (with --jsonl: the input was read to its end)", "2:usage error",
                "3:blocked"})
public final class CheckCommand implements Callable<Integer> {
    /** Longer lines are answered with an error instead of being parsed. */
    static final int MAX_LINE_CHARS = 1_000_000;

    /** Which firewall layer to ask. */
    enum Layer { prompt, command }

    private final Engine engine;
    private final ConsoleInfo console;

    @Spec
    private CommandSpec spec;

    @Option(names = "--layer", paramLabel = "LAYER", defaultValue = "prompt",
            description = "prompt (a user's prompt) or command (a shell command the agent's Bash tool would run); "
                    + "default: ${DEFAULT-VALUE}.")
    private Layer layer;

    @Option(names = "--jsonl", description = "Read {\"text\": ...} lines from stdin and write one JSON verdict per line.")
    private boolean jsonl;

    @Parameters(paramLabel = "TEXT", arity = "0..1", description = "The prompt or command to check.")
    private String text;

    @Inject
    public CheckCommand(Engine engine, ConsoleInfo console) {
        this.engine = requireNonNull(engine, "engine is null");
        this.console = requireNonNull(console, "console is null");
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (jsonl == (text != null)) {
            err.println("✗ give either TEXT or --jsonl (inputs on stdin) (see hotplex check --help)");
            return ExitCodes.USAGE;
        }
        if (jsonl) {
            return checkLines(out);
        }
        Verdict verdict = verdict(text);
        if (verdict instanceof Verdict.Blocked blocked) {
            out.println("✗ blocked by " + blocked.ruleId() + " (" + blocked.category() + ", " + blocked.severity() + ")");
            out.println("  reason:     " + blocked.reason());
            out.println("  matched:    " + blocked.matched());
            out.println("  suggestion: " + blocked.suggestion());
            return ExitCodes.BLOCKED;
        }
        out.println("✓ allowed");
        return ExitCodes.OK;
    }

    private int checkLines(PrintWriter out) throws IOException {
        BoundedLineReader reader = new BoundedLineReader(
                new InputStreamReader(console.stdin(), StandardCharsets.UTF_8), MAX_LINE_CHARS);
        for (Optional<BoundedLineReader.Line> next = reader.next(); next.isPresent(); next = reader.next()) {
            BoundedLineReader.Line line = next.get();
            out.println(line.text()
                    .map(text -> switch (CheckLines.parse(text, MAX_LINE_CHARS)) {
                        case CheckLines.Text input -> verdictLine(input.text());
                        case CheckLines.Refused refused -> CheckLines.error(refused.error());
                    })
                    .orElseGet(() -> CheckLines.error("line too long: " + line.length()
                            + " characters, at most " + MAX_LINE_CHARS)));
            out.flush();
        }
        return ExitCodes.OK;
    }

    private String verdictLine(String input) {
        try {
            return CheckLines.verdict(verdict(input));
        } catch (RuntimeException e) {
            // a firewall failure on one input must not end the stream; the line says what went wrong
            return CheckLines.error("check failed: " + e.getMessage());
        }
    }

    private Verdict verdict(String input) {
        return layer == Layer.command ? engine.checkCommand(input) : engine.checkDanger(input);
    }
}
