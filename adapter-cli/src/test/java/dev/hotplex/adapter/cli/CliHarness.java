package dev.hotplex.adapter.cli;

import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.service.DefaultEngine;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.core.service.InMemorySessionStore;
import dev.hotplex.testkit.FakeProvider;
import dev.hotplex.testkit.ManualClock;
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.SequentialIdGenerator;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** The command tree over a DefaultEngine with a FakeProvider, with captured stdout/stderr: one per test. */
final class CliHarness implements AutoCloseable {
    final FakeProvider provider = new FakeProvider();
    final DefaultEngine engine;
    final Path workspace;
    FakeDiagnostics diagnostics;
    ScriptedChatTerminals terminals = new ScriptedChatTerminals();
    private byte[] stdin = new byte[0];
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    CliHarness(Path temp) {
        this(temp, ContentPolicy.allowAll());
    }

    CliHarness(Path temp, ContentPolicy policy) {
        this(temp, policy, java.util.List.of());
    }

    /** The fake provider (the default) and {@code others} after it. */
    CliHarness(Path temp, java.util.List<dev.hotplex.core.port.out.AgentProvider> others) {
        this(temp, ContentPolicy.allowAll(), others);
    }

    private CliHarness(Path temp, ContentPolicy policy, java.util.List<dev.hotplex.core.port.out.AgentProvider> others) {
        this.workspace = temp.resolve("ws");
        EngineConfig config = EngineConfig.defaults(workspace)
                .withIdle(Duration.ofMinutes(30), Duration.ZERO)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(300), Duration.ofMillis(300));
        java.util.List<dev.hotplex.core.port.out.AgentProvider> providers = new java.util.ArrayList<>();
        providers.add(provider);
        providers.addAll(others);
        this.engine = new DefaultEngine(config, dev.hotplex.core.service.AgentProviders.of(providers), policy, new RecordingEngineObserver(),
                new InMemorySessionStore(), new ManualClock(), new SequentialIdGenerator("turn"));
        this.diagnostics = new FakeDiagnostics(workspace, temp.resolve("state"));
    }

    /** Stands in for the app's HTTP host: records that serve ran and exits with 0. */
    final java.util.concurrent.atomic.AtomicInteger serves = new java.util.concurrent.atomic.AtomicInteger();
    private final ServiceHost serviceHost = (out, errors) -> {
        serves.incrementAndGet();
        out.println("serving (test host)");
        return ExitCodes.OK;
    };

    /** The state dir's store as run and chat claim it; a test swaps in a refusal. */
    SessionStoreClaim store = SessionStoreClaim.none();

    CliHarness stdin(String text) {
        return stdin(text.getBytes(StandardCharsets.UTF_8));
    }

    CliHarness stdin(byte[] bytes) {
        stdin = bytes.clone();
        return this;
    }

    /** Runs {@code hotplex args...} and returns its exit code; output in {@link #out()} and {@link #err()}. */
    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        ConsoleInfo console = ConsoleInfo.plain(new ByteArrayInputStream(stdin));
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                Object command = type == RunCommand.class ? new RunCommand(engine, store, console, interrupts)
                        : type == CheckCommand.class ? new CheckCommand(engine, console)
                        : type == DoctorCommand.class ? new DoctorCommand(engine, diagnostics)
                        : type == ChatCommand.class ? new ChatCommand(engine, store, terminals)
                        : type == VersionCommand.class ? new VersionCommand(engine)
                        : type == ServeCommand.class ? new ServeCommand(serviceHost)
                        : type == SessionsListCommand.class ? new SessionsListCommand(servers())
                        : type == SessionsShowCommand.class ? new SessionsShowCommand(servers())
                        : type == SessionsStopCommand.class ? new SessionsStopCommand(servers())
                        : type == SessionsResetCommand.class ? new SessionsResetCommand(servers())
                        : CommandLine.defaultFactory().create(type);
                return type.cast(command);
            }
        };
        return CommandLineRunner.commandLine(factory)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    /** Ctrl-C as a test presses it: {@link #pressCtrlC()} runs the handler of the running command, if any. */
    final java.util.concurrent.atomic.AtomicReference<Runnable> ctrlC = new java.util.concurrent.atomic.AtomicReference<>();
    private final InterruptSignal interrupts = action -> {
        ctrlC.set(action);
        return () -> ctrlC.set(null);
    };

    boolean pressCtrlC() {
        Runnable action = ctrlC.get();
        if (action == null) {
            return false;
        }
        action.run();
        return true;
    }

    /** The sessions commands reach the server on the diagnostics' port with the harness's environment. */
    CliEnvironment environment = CliEnvironment.of(java.util.Map.of());

    private ServerApiFactory servers() {
        return new ServerApiFactory(diagnostics, environment);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    @Override
    public void close() {
        engine.close();
    }
}
