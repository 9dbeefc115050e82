package dev.hotplex.adapter.cli;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.port.in.Engine;
import dev.hotplex.core.port.in.EventSink;
import jakarta.inject.Inject;
import org.slf4j.MDC;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/** {@code hotplex run PROMPT}: one turn through the engine, printed as it happens (readable, or NDJSON with --json). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one turn of an agent session and print its transcript as it happens.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the turn succeeded", "1:the turn failed (agent error, crash, timeout, interrupt)",
                "2:usage or input error", "3:the firewall blocked the prompt", "4:the agent CLI is unavailable",
                "5:the session is busy or the engine is at capacity",
                "9:another hotplex process (e.g. hotplex serve) holds the state dir", "70:internal error",
                "130:Ctrl-C interrupted the turn (a second Ctrl-C ends hotplex at once)"})
public final class RunCommand implements Callable<Integer> {
    /**
     * The most of stdin that {@code run -} reads: far beyond any prompt the engine accepts (it refuses longer ones
     * with a clear error), small enough that piping a huge file in costs no more than this in memory.
     */
    static final int MAX_STDIN_BYTES = 16 * 1024 * 1024;

    private final Engine engine;
    private final SessionStoreClaim store;
    private final ConsoleInfo console;
    private final InterruptSignal interrupts;

    @Spec
    private CommandSpec spec;

    @Option(names = "--session", paramLabel = "ID", defaultValue = "cli",
            description = "Session id (default: ${DEFAULT-VALUE}). Turns of the same session share one hot process.")
    private String sessionId;

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "Work dir, relative to the workspace root (default: the session id).")
    private String workDir;

    @Option(names = "--provider", paramLabel = "NAME",
            description = "Agent CLI of a new session, e.g. claude or codex (default: the first of the configured "
                    + "providers). A session stays on the provider it started with.")
    private String provider;

    @Option(names = "--json", description = "Print every event as one JSON line: {\"event\":..,\"seq\":..,\"data\":{..}}.")
    private boolean json;

    @Parameters(paramLabel = "PROMPT", arity = "1", description = "What to ask the agent; - reads it from stdin. "
            + "A prompt that starts with - goes after --, as in: hotplex run -- \"-v means verbose?\"")
    private String prompt;

    @Inject
    public RunCommand(Engine engine, SessionStoreClaim store, ConsoleInfo console, InterruptSignal interrupts) {
        this.engine = requireNonNull(engine, "engine is null");
        this.store = requireNonNull(store, "store is null");
        this.console = requireNonNull(console, "console is null");
        this.interrupts = requireNonNull(interrupts, "interrupts is null");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text;
        try {
            text = "-".equals(prompt) ? readStdin() : prompt;
        } catch (IOException e) {
            err.println("✗ cannot read the prompt from stdin: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (text == null) {
            err.println("✗ the prompt on stdin is longer than " + MAX_STDIN_BYTES + " bytes");
            return ExitCodes.USAGE;
        }
        if (text.isBlank()) {
            err.println("✗ the prompt is empty" + ("-".equals(prompt) ? " (nothing came on stdin)" : ""));
            return ExitCodes.USAGE;
        }
        try {
            store.claim();
        } catch (StateDirInUseException e) {
            err.println("✗ " + e.advice());
            return ExitCodes.STATE_DIR_IN_USE;
        }
        AtomicBoolean ctrlC = new AtomicBoolean();
        MDC.put("session", sessionId);
        MDC.put("tenant", SessionConfig.DEFAULT_OWNER);
        try {
            SessionConfig config = SessionConfig.of(SessionId.of(sessionId)).withWorkDir(workDir)
                    .withProvider(provider);
            TurnResult result;
            InterruptSignal.Registration ctrlCHandler = interrupts.onInterrupt(() -> interrupt(config.sessionId(), ctrlC));
            try {
                result = json ? engine.execute(config, text, new JsonEventSink(out)) : readable(config, text, out, err);
            } finally {
                ctrlCHandler.close();
            }
            if (ctrlC.get()) {
                out.flush();
                err.println("✗ interrupted (Ctrl-C)");
                return ExitCodes.INTERRUPTED;
            }
            return result.error().map(failure -> ExitCodes.forError(failure.code())).orElse(ExitCodes.OK);
        } catch (HotplexException e) {
            err.println("✗ " + e.errorCode().name() + ": " + e.getMessage());
            return ExitCodes.forError(e.errorCode());
        } finally {
            MDC.remove("session");
            MDC.remove("tenant");
        }
    }

    /** All of stdin, or null when it holds more than {@link #MAX_STDIN_BYTES}. */
    private String readStdin() throws IOException {
        byte[] bytes = console.stdin().readNBytes(MAX_STDIN_BYTES + 1);
        return bytes.length > MAX_STDIN_BYTES ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The first Ctrl-C: the turn ends as interrupted (its events still print), the agent process stays reusable. */
    private void interrupt(SessionId id, AtomicBoolean ctrlC) {
        ctrlC.set(true);
        try {
            engine.interrupt(id);
        } catch (HotplexException e) {
            // the turn has already ended, or had not started: nothing left to interrupt
        }
    }

    private TurnResult readable(SessionConfig config, String text, PrintWriter out, PrintWriter err) {
        if (!console.interactive()) {
            return engine.execute(config, text, new TranscriptSink(out, err, console.color(), () -> { }));
        }
        try (ElapsedIndicator indicator = ElapsedIndicator.start(err)) {
            EventSink sink = new TranscriptSink(out, err, console.color(), indicator::beforeOutput);
            return engine.execute(config, text, sink);
        }
    }
}
