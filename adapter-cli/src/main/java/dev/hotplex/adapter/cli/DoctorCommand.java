package dev.hotplex.adapter.cli;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.port.in.Engine;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * {@code hotplex doctor}: checks what hotplex needs before a first turn (the agent CLI, configuration, workspace,
 * state dir, JDK, HTTP port) and says how to fix each problem, so a new install fails here rather than mid-turn.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check the installation: agent CLI, configuration, workspace, state dir, JDK, HTTP port, "
                + "sandbox, telemetry.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:everything is usable (warnings allowed)", "2:a configuration problem",
                "4:the agent CLI is missing or cannot run"})
public final class DoctorCommand implements Callable<Integer> {
    static final int MIN_JDK = 21;
    private static final int COLLECTOR_CONNECT_TIMEOUT_MS = 2_000;

    /** How a check went. */
    enum Status { ok, warn, FAIL }

    /** One check's outcome; {@code exitCode} is what a failure of this check means for the command. */
    record Check(String name, Status status, String detail, String fix, int exitCode) {
        static Check ok(String name, String detail) {
            return new Check(name, Status.ok, detail, "", ExitCodes.OK);
        }

        static Check warn(String name, String detail, String fix) {
            return new Check(name, Status.warn, detail, fix, ExitCodes.OK);
        }

        static Check fail(String name, String detail, String fix, int exitCode) {
            return new Check(name, Status.FAIL, detail, fix, exitCode);
        }
    }

    private final Engine engine;
    private final Diagnostics diagnostics;

    @Spec
    private CommandSpec spec;

    @Inject
    public DoctorCommand(Engine engine, Diagnostics diagnostics) {
        this.engine = requireNonNull(engine, "engine is null");
        this.diagnostics = requireNonNull(diagnostics, "diagnostics is null");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Check> checks = List.of(agentCli(), configuration(),
                directory("workspace", diagnostics.workspaceRoot(), "workspace.root"),
                stateDir(), jdk(), httpPort(), sandbox(), telemetry());
        for (Check check : checks) {
            out.printf("%-4s  %-10s %s%n", check.status(), check.name(), check.detail());
            if (!check.fix().isEmpty()) {
                out.println("            → " + check.fix());
            }
        }
        return exitCode(checks);
    }

    /** The agent CLI missing trumps configuration problems: nothing runs without it. */
    static int exitCode(List<Check> checks) {
        return checks.stream().filter(check -> check.status() == Status.FAIL).map(Check::exitCode)
                .reduce((a, b) -> a == ExitCodes.PROVIDER_UNAVAILABLE || b == ExitCodes.PROVIDER_UNAVAILABLE
                        ? ExitCodes.PROVIDER_UNAVAILABLE : a)
                .orElse(ExitCodes.OK);
    }

    /** Several providers: each one's CLI is run; the check fails when any of them cannot be. */
    private Check agentClis() {
        Map<String, String> versions = engine.cliVersions();
        String detail = versions.entrySet().stream().map(entry -> entry.getKey() + " → " + entry.getValue())
                .collect(Collectors.joining("; "));
        List<String> fixes = versions.entrySet().stream()
                .filter(entry -> entry.getValue().startsWith("unavailable"))
                .map(entry -> entry.getKey().equals("codex")
                        ? "install the Codex CLI (bin/install-codex, or npm install -g @openai/codex@0.169.0) or point "
                        + "codex.binary / HOTPLEX_CODEX_BINARY at it"
                        : "install the " + entry.getKey() + " CLI or point " + entry.getKey() + ".binary at it")
                .toList();
        return fixes.isEmpty() ? Check.ok("agent CLI", detail)
                : Check.fail("agent CLI", detail, String.join("; ", fixes), ExitCodes.PROVIDER_UNAVAILABLE);
    }

    private Check agentCli() {
        if (diagnostics.providers().isEmpty()) {
            return Check.fail("agent CLI", "no agent provider is configured (providers: [])",
                    "set providers to [claude] (HOTPLEX_PROVIDERS=claude)", ExitCodes.PROVIDER_UNAVAILABLE);
        }
        if (diagnostics.providers().size() > 1) {
            return agentClis();
        }
        String binary = diagnostics.agentBinary().orElse("the agent CLI");
        try {
            return Check.ok("agent CLI", binary + " → " + engine.cliVersion());
        } catch (HotplexException e) {
            return Check.fail("agent CLI", binary + ": " + e.getMessage(),
                    "install Claude Code (bin/install-claude, or npm install -g @anthropic-ai/claude-code) "
                            + "or point claude.binary / HOTPLEX_CLAUDE_BINARY at it",
                    ExitCodes.PROVIDER_UNAVAILABLE);
        }
    }

    private Check configuration() {
        return Check.ok("config", "loaded from " + diagnostics.configurationSource() + "; providers "
                + diagnostics.providers());
    }

    /** Usable, and not held by another hotplex process (a running serve), or run and chat here would exit 9. */
    private Check stateDir() {
        Check check = directory("state dir", diagnostics.stateDir(), "state.dir");
        return diagnostics.stateDirHolder()
                .filter(holder -> check.status() == Status.ok)
                .map(holder -> Check.warn("state dir", diagnostics.stateDir() + " is in use by " + holder,
                        "run and chat here exit 9 while it runs: stop it, use hotplex sessions, or give them their "
                                + "own state dir (--set state.dir=DIR)"))
                .orElse(check);
    }

    private static Check directory(String name, Path dir, String key) {
        if (Files.isDirectory(dir)) {
            return Files.isWritable(dir)
                    ? Check.ok(name, dir + " (writable)")
                    : Check.fail(name, dir + " is not writable", "fix its permissions or set " + key
                            + " to a writable directory", ExitCodes.USAGE);
        }
        if (Files.exists(dir)) {
            return Check.fail(name, dir + " exists but is not a directory", "remove it or set " + key
                    + " to a directory", ExitCodes.USAGE);
        }
        Optional<Path> existing = Optional.ofNullable(dir.toAbsolutePath().getParent());
        while (existing.isPresent() && !Files.exists(existing.get())) {
            existing = Optional.ofNullable(existing.get().getParent());
        }
        if (existing.isPresent() && Files.isDirectory(existing.get()) && Files.isWritable(existing.get())) {
            return Check.warn(name, dir + " does not exist yet", "it is created on first use (or: mkdir -p " + dir + ")");
        }
        return Check.fail(name, dir + " does not exist and cannot be created", "create it or set " + key
                + " to a writable directory", ExitCodes.USAGE);
    }

    private static Check jdk() {
        Runtime.Version version = Runtime.version();
        return version.feature() >= MIN_JDK
                ? Check.ok("JDK", version + " (" + System.getProperty("java.home") + ")")
                : Check.fail("JDK", version + " is too old", "use JDK " + MIN_JDK + " or newer (JAVA_HOME)",
                        ExitCodes.USAGE);
    }

    private Check sandbox() {
        return diagnostics.sandboxWarning()
                .map(warning -> Check.warn("sandbox", diagnostics.sandbox() + ": " + warning,
                        "apt-get install bubblewrap, or set sandbox.mode: none to accept it (docs/SECURITY.md)"))
                .orElseGet(() -> Check.ok("sandbox", diagnostics.sandbox()));
    }

    /** Where spans and metrics go; a collector nobody listens at, or captured content, is worth a warning. */
    private Check telemetry() {
        TelemetrySummary telemetry = diagnostics.telemetry();
        String exporter = switch (telemetry.exporter()) {
            case "none" -> "exporter none (nothing pushed)";
            case "logging" -> "exporter logging (spans and metrics go to the log)";
            default -> "exporter " + telemetry.exporter() + telemetry.endpoint().map(uri -> " → " + uri).orElse("")
                    + (telemetry.headerCount() == 0 ? "" : " (" + telemetry.headerCount() + " header"
                    + (telemetry.headerCount() == 1 ? "" : "s") + ", values hidden)");
        };
        String detail = exporter + " · /metrics " + (telemetry.prometheus() ? "on (hotplex serve)" : "off")
                + " · content capture " + (telemetry.captureContent() ? "ON" : "off");
        Optional<String> unreachable = telemetry.endpoint().flatMap(DoctorCommand::unreachable);
        if (unreachable.isPresent()) {
            return Check.warn("telemetry", detail + "; " + unreachable.get(),
                    "start the collector, or set telemetry.otlp-endpoint (OTEL_EXPORTER_OTLP_ENDPOINT); exports "
                            + "that fail are dropped, turns are not affected");
        }
        if (telemetry.captureContent()) {
            return Check.warn("telemetry", detail, "prompts, answers and tool output reach the telemetry backend; "
                    + "set telemetry.capture-content: false unless it may hold secrets");
        }
        return Check.ok("telemetry", detail);
    }

    /** Why nothing can take exports at {@code endpoint}, if a TCP connection to it fails. */
    private static Optional<String> unreachable(java.net.URI endpoint) {
        if (endpoint.getHost() == null) {
            return Optional.of("the endpoint has no host");
        }
        int port = endpoint.getPort() >= 0 ? endpoint.getPort() : "https".equals(endpoint.getScheme()) ? 443 : 80;
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), port), COLLECTOR_CONNECT_TIMEOUT_MS);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("nothing answers at " + endpoint.getHost() + ":" + port + " (" + e.getMessage() + ")");
        }
    }

    private Check httpPort() {
        int port = diagnostics.httpPort();
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return Check.ok("HTTP port", port + " is free");
        } catch (IOException e) {
            // something else listens there; only `hotplex serve` cares, so this is a warning
            return Check.warn("HTTP port", port + " is in use (" + e.getMessage() + ")",
                    "stop what listens on " + port + ", or give hotplex serve another port");
        }
    }
}
