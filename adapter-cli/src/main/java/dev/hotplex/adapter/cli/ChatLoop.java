package dev.hotplex.adapter.cli;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.SessionStats;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.port.in.Engine;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * The conversation behind {@code hotplex chat}: every line is a turn of one session (so one hot agent process), run on
 * the engine's thread while this one stays free to catch Ctrl-C and to answer permission requests; lines starting
 * with {@code /} are commands about the session rather than prompts.
 */
final class ChatLoop {
    static final String PROMPT = "you> ";
    static final String HELP = """
            Type a prompt and press Enter; every line is one turn of the same session.
              /stats                     the session's totals
              /reset                     forget the conversation: the next turn starts fresh
              /stop                      stop the session's agent process (the conversation can resume)
              /allow [requestId]         allow the pending tool-permission request
              /deny [requestId] [why]    deny it, optionally saying why
              /help                      this text
              /quit                      leave (also Ctrl-D, or Ctrl-C at the prompt)
            Ctrl-C while a turn runs interrupts the turn.""";
    private static final long POLL_MS = 100;

    private final Engine engine;
    private final SessionConfig session;
    private final ChatTerminal terminal;
    private final PrintWriter out;
    /** The permission request the agent waits on, if any: the default id for /allow and /deny. */
    private final AtomicReference<String> pendingPermission = new AtomicReference<>();

    ChatLoop(Engine engine, SessionConfig session, ChatTerminal terminal) {
        this.engine = requireNonNull(engine, "engine is null");
        this.session = requireNonNull(session, "session is null");
        this.terminal = requireNonNull(terminal, "terminal is null");
        this.out = terminal.writer();
    }

    /** Reads and runs lines until the person leaves; returns the exit code. */
    int run() {
        out.println("hotplex chat · session " + session.sessionId().value() + " · /help for commands, Ctrl-D to leave");
        out.flush();
        while (true) {
            Optional<String> line = terminal.readLine(PROMPT);
            if (line.isEmpty()) {
                return ExitCodes.OK;
            }
            String text = line.get().strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.startsWith("/")) {
                if (!command(text)) {
                    return ExitCodes.OK;
                }
            } else {
                turn(text);
            }
            out.flush();
        }
    }

    private void turn(String prompt) {
        BlockingQueue<String> permissionRequests = new LinkedBlockingQueue<>();
        TranscriptSink transcript = new TranscriptSink(out, out, terminal.color(), out::flush);
        CompletableFuture<TurnResult> result;
        try {
            result = engine.submit(session, prompt, event -> {
                transcript.accept(event);
                if (event instanceof AgentEvent.PermissionRequest request) {
                    pendingPermission.set(request.requestId());
                    permissionRequests.add(request.requestId());
                }
            });
        } catch (HotplexException e) {
            failure(e);
            return;
        }
        terminal.setInterruptHandler(() -> {
            out.println();
            out.println("interrupting the turn…");
            out.flush();
            engine.interrupt(session.sessionId());
        });
        try {
            awaitTurn(result, permissionRequests);
        } finally {
            terminal.clearInterruptHandler();
            pendingPermission.set(null);
        }
    }

    /** Waits for the turn; when the agent asks for a permission, reads the answer (the turn waits for it anyway). */
    private void awaitTurn(CompletableFuture<TurnResult> result, BlockingQueue<String> permissionRequests) {
        while (true) {
            try {
                result.get(POLL_MS, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                if (permissionRequests.poll() != null) {
                    answerPermission();
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof HotplexException hotplex) {
                    failure(hotplex);
                } else {
                    out.println("✗ internal error: " + e.getCause());
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                engine.interrupt(session.sessionId());
                return;
            }
        }
    }

    private void answerPermission() {
        out.println("  answer with /allow or /deny [why] (Enter alone denies)");
        out.flush();
        Optional<String> line = terminal.readLine("permission> ");
        if (line.isEmpty()) {
            engine.interrupt(session.sessionId());
            return;
        }
        String text = line.get().strip();
        if (text.isEmpty() || text.equalsIgnoreCase("n") || text.equalsIgnoreCase("no")) {
            text = "/deny";
        } else if (text.equalsIgnoreCase("y") || text.equalsIgnoreCase("yes")) {
            text = "/allow";
        }
        command(text.startsWith("/") ? text : "/deny " + text);
    }

    /** Runs a slash command; false when the person asked to leave. */
    private boolean command(String text) {
        List<String> words = Arrays.asList(text.split("\\s+"));
        String name = words.getFirst().toLowerCase(java.util.Locale.ROOT);
        List<String> args = words.subList(1, words.size());
        try {
            switch (name) {
                case "/help", "/?" -> out.println(HELP);
                case "/quit", "/exit" -> {
                    return false;
                }
                case "/stats" -> out.println(engine.sessionStats(session.sessionId()).map(ChatLoop::statsText)
                        .orElse("no turns yet in session " + session.sessionId().value()));
                case "/reset" -> {
                    engine.resetSession(session.sessionId());
                    out.println("session reset: the next turn starts a fresh conversation");
                }
                case "/stop" -> {
                    engine.stopSession(session.sessionId(), "stopped from hotplex chat");
                    out.println("session stopped: its agent process is gone; the next turn starts a new one");
                }
                case "/allow" -> respond(args, true);
                case "/deny" -> respond(args, false);
                default -> out.println("unknown command " + name + "; /help lists them");
            }
        } catch (HotplexException e) {
            failure(e);
        }
        return true;
    }

    private void respond(List<String> args, boolean allow) {
        String pending = pendingPermission.get();
        String requestId;
        List<String> rest;
        if (!args.isEmpty() && (pending == null || args.getFirst().equals(pending))) {
            requestId = args.getFirst();
            rest = args.subList(1, args.size());
        } else if (pending != null) {
            requestId = pending;
            rest = args;
        } else {
            out.println("no permission request is pending; give its id: /" + (allow ? "allow" : "deny") + " ID");
            return;
        }
        String why = rest.isEmpty() ? "denied from hotplex chat" : String.join(" ", rest);
        engine.respondToPermission(session.sessionId(), requestId,
                allow ? PermissionDecision.allowed() : PermissionDecision.denied(why));
        pendingPermission.compareAndSet(requestId, null);
        out.println((allow ? "allowed " : "denied ") + requestId);
    }

    private void failure(HotplexException e) {
        out.println("✗ " + e.errorCode().name() + ": " + e.getMessage());
    }

    static String statsText(SessionStats stats) {
        String cost = stats.costUsd().map(TranscriptSink::dollars).map(c -> " · $" + c).orElse("");
        return "session " + stats.sessionId().value() + ": " + stats.turns() + " turns, " + stats.errors() + " errors · "
                + stats.totalMs() + " ms · " + stats.tokens().inputTokens() + " in / " + stats.tokens().outputTokens()
                + " out tokens · " + stats.toolCallCount() + " tool calls" + cost
                + (stats.filesModified().isEmpty() ? "" : " · files: " + String.join(", ", stats.filesModified()));
    }
}
