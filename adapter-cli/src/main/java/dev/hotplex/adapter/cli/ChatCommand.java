package dev.hotplex.adapter.cli;

import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.port.in.Engine;
import jakarta.inject.Inject;
import org.slf4j.MDC;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/** {@code hotplex chat}: an interactive conversation, every line a turn of one session on one hot agent process. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Talk to the agent: every line is a turn of the same session (one hot process).",
                "Ctrl-C interrupts a running turn; Ctrl-C at the prompt or Ctrl-D leaves. /help inside lists commands."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:left normally", "2:usage error",
                "9:another hotplex process (e.g. hotplex serve) holds the state dir", "70:internal error"})
public final class ChatCommand implements Callable<Integer> {
    private final Engine engine;
    private final SessionStoreClaim store;
    private final ChatTerminals terminals;

    @Spec
    private CommandSpec spec;

    @Option(names = "--session", paramLabel = "ID", defaultValue = "chat",
            description = "Session id (default: ${DEFAULT-VALUE}).")
    private String sessionId;

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "Work dir, relative to the workspace root (default: the session id).")
    private String workDir;

    @Option(names = "--provider", paramLabel = "NAME",
            description = "Agent CLI of a new session, e.g. claude or codex (default: the first of the configured "
                    + "providers). A session stays on the provider it started with.")
    private String provider;

    @Option(names = "--history", paramLabel = "FILE", defaultValue = "${sys:user.home}/.hotplex/chat_history",
            description = "Where typed lines are remembered (default: ${DEFAULT-VALUE}).")
    private Path historyFile;

    @Inject
    public ChatCommand(Engine engine, SessionStoreClaim store, ChatTerminals terminals) {
        this.engine = requireNonNull(engine, "engine is null");
        this.store = requireNonNull(store, "store is null");
        this.terminals = requireNonNull(terminals, "terminals is null");
    }

    @Override
    public Integer call() throws IOException {
        SessionConfig config = SessionConfig.of(SessionId.of(sessionId)).withWorkDir(workDir)
                .withProvider(provider);
        engine.validate(config);
        try {
            store.claim(); // before the terminal opens: refused here, the person has typed nothing in vain
        } catch (StateDirInUseException e) {
            spec.commandLine().getErr().println("✗ " + e.advice());
            return ExitCodes.STATE_DIR_IN_USE;
        }
        // log lines about this session (the engine's too, on this thread) name it
        MDC.put("session", sessionId);
        MDC.put("tenant", SessionConfig.DEFAULT_OWNER);
        try (ChatTerminal terminal = terminals.open(historyFile)) {
            return new ChatLoop(engine, config, terminal).run();
        } finally {
            MDC.remove("session");
            MDC.remove("tenant");
        }
    }
}
