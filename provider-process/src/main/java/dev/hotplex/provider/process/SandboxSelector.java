package dev.hotplex.provider.process;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * Turns a {@link SandboxConfig} into a {@link Sandbox}, after checking that bubblewrap is there <em>and works</em>
 * (it needs to create namespaces, which a container or a kernel setting may forbid): it runs {@code true} inside
 * a sandbox built exactly like a session's. Asked for {@code bwrap} explicitly, a missing or failing bwrap is an
 * error; left to the default, it falls back to {@code none} with a warning that says why.
 */
public final class SandboxSelector {
    private static final System.Logger LOG = System.getLogger(SandboxSelector.class.getName());
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> BWRAP_PATHS = List.of("/usr/bin/bwrap", "/bin/bwrap");

    /** The sandbox chosen, and why it is not bwrap when it is not. */
    public record Choice(Sandbox sandbox, Optional<String> warning) {
        public Choice {
            requireNonNull(sandbox, "sandbox is null");
            requireNonNull(warning, "warning is null");
        }
    }

    private final List<String> bwrapPaths;
    private final Optional<String> enginePath;

    /** Looks for bwrap in {@code /usr/bin}, {@code /bin}, then on this JVM's {@code PATH}. */
    public SandboxSelector() {
        this(BWRAP_PATHS, Optional.ofNullable(System.getenv("PATH")));
    }

    /** {@code bwrapPaths} are tried first, then {@code bwrap} on {@code enginePath}. */
    SandboxSelector(List<String> bwrapPaths, Optional<String> enginePath) {
        this.bwrapPaths = List.copyOf(requireNonNull(bwrapPaths, "bwrapPaths is null"));
        this.enginePath = requireNonNull(enginePath, "enginePath is null");
    }

    /** The sandbox {@code config} asks for; {@code PROVIDER_UNAVAILABLE} when it explicitly asks for a bwrap that does not work. */
    public Choice select(SandboxConfig config) {
        requireNonNull(config, "config is null");
        if (config.mode().equals(Optional.of(SandboxMode.NONE))) {
            return new Choice(Sandbox.none(), Optional.empty());
        }
        Optional<String> problem;
        Optional<BubblewrapSandbox> bwrap = Optional.empty();
        Optional<Path> binary = bwrapPaths.stream().map(path -> ExecutableLookup.find(path, Optional.empty()))
                .flatMap(Optional::stream).findFirst().or(() -> ExecutableLookup.find("bwrap", enginePath));
        if (binary.isEmpty()) {
            problem = Optional.of("bwrap is not installed (Debian/Ubuntu package bubblewrap)");
        } else {
            String version = run(List.of(binary.get().toString(), "--version")).output().strip();
            BubblewrapSandbox candidate = new BubblewrapSandbox(binary.get(), version.isEmpty() ? "bubblewrap" : version,
                    config.confinement());
            problem = probe(candidate);
            if (problem.isEmpty()) {
                bwrap = Optional.of(candidate);
            }
        }
        if (bwrap.isPresent()) {
            return new Choice(bwrap.get(), Optional.empty());
        }
        if (config.mode().isPresent()) {
            throw new HotplexException(StandardErrorCode.PROVIDER_UNAVAILABLE, "sandbox.mode is bwrap but "
                    + problem.orElseThrow() + "; install bubblewrap or set sandbox.mode: none knowingly (docs/SECURITY.md)");
        }
        String warning = "agent processes run WITHOUT an OS sandbox: " + problem.orElseThrow()
                + "; they can read and write everything the engine user can (docs/SECURITY.md). Set sandbox.mode: none "
                + "to accept this knowingly";
        LOG.log(System.Logger.Level.WARNING, warning);
        return new Choice(Sandbox.none(), Optional.of(warning));
    }

    /** Empty when {@code true} ran inside the sandbox; otherwise what went wrong, with bwrap's own message. */
    private Optional<String> probe(BubblewrapSandbox candidate) {
        Optional<Path> trueCommand = ExecutableLookup.find("/bin/true", Optional.empty())
                .or(() -> ExecutableLookup.find("/usr/bin/true", Optional.empty()));
        if (trueCommand.isEmpty()) {
            return Optional.of("there is no /bin/true to test bwrap with");
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        Outcome outcome = run(candidate.confine(List.of(trueCommand.get().toString()), dir,
                Confinement.nothingMore()));
        return outcome.code() == 0 ? Optional.empty()
                : Optional.of("bwrap cannot create its sandbox here (" + outcome.describe() + "); user or mount "
                        + "namespaces are probably restricted (kernel.unprivileged_userns_clone, "
                        + "kernel.apparmor_restrict_unprivileged_userns, or a container without CAP_SYS_ADMIN)");
    }

    private record Outcome(int code, String output) {
        String describe() {
            return "exit code " + code + (output.isBlank() ? "" : ": " + output.strip());
        }
    }

    private static Outcome run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return new Outcome(-1, String.valueOf(e.getMessage()));
        }
        CompletableFuture<String> output = new CompletableFuture<>();
        Thread.ofVirtual().name("hotplex-sandbox-probe").start(() -> output.complete(readAll(process.getInputStream())));
        boolean interrupted = false;
        try {
            if (!process.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Outcome(-1, "no answer within " + PROBE_TIMEOUT.toSeconds() + " s");
            }
            return new Outcome(process.exitValue(), output.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            interrupted = true;
            process.destroyForcibly();
            return new Outcome(-1, "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return new Outcome(process.exitValue(), "");
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
