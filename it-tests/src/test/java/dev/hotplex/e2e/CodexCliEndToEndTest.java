package dev.hotplex.e2e;

import dev.hotplex.testkit.openai.CodexHomes;
import dev.hotplex.testkit.openai.CodexBinaryLocator;
import dev.hotplex.testkit.openai.FakeOpenAiApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real {@code hotplex run} (a child JVM, as a person types it) with {@code providers: claude,codex}:
 * {@code --provider codex} puts a new session on the real Codex CLI; the next {@code run} of that session, in a
 * new JVM and without the option, goes back to Codex and resumes its thread (the durable store remembers the
 * provider; the state dir the thread).
 */
class CodexCliEndToEndTest {
    @TempDir
    Path sandbox;

    private record Result(int exitCode, String out, String err) {
    }

    @Test
    void run_with_provider_codex_then_run_again_resumes_on_codex() throws Exception {
        assumeTrue(CodexBinaryLocator.find().isPresent(), "the Codex CLI is not installed (bin/install-codex)");
        Path homes = CodexHomes.base();
        try (FakeOpenAiApi api = FakeOpenAiApi.start()) {
            Path codexHome = api.writeCodexHome(Files.createTempDirectory(homes, "cli-"));
            try {
                Map<String, String> environment = environment(codexHome);

                Result first = run(environment, "run", "--session", "cli-1", "--provider", "codex", "remember-papaya");
                Result second = run(environment, "run", "--session", "cli-1", "--json", "what was it");

                assertThat(first.exitCode()).as(first.err()).isZero();
                assertThat(first.out()).contains("pong: remember-papaya");
                assertThat(second.exitCode()).as(second.err()).isZero();
                assertThat(second.out()).contains("\"resumed\":true", "\"text\":\" what\"", "\"model\":\"gpt-5.5\"",
                        "\"turns\":2");
                List<String> bodies = api.requestBodies().stream().filter(body -> body.contains("what was it")).toList();
                assertThat(bodies).singleElement().satisfies(body -> assertThat(body).contains("remember-papaya"));
            } finally {
                CodexAndClaudeEngine.deleteTree(codexHome);
            }
        }
    }

    private Map<String, String> environment(Path codexHome) throws IOException {
        Map<String, String> env = new HashMap<>();
        String path = System.getenv("PATH");
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        env.put("HOME", Files.createDirectories(sandbox.resolve("home")).toString());
        env.put("LANG", "C.UTF-8");
        env.put("HOTPLEX_WORKSPACE_ROOT", Files.createDirectories(sandbox.resolve("workspace")).toString());
        env.put("HOTPLEX_STATE_DIR", sandbox.resolve("state").toString());
        env.put("HOTPLEX_PROVIDERS", "claude,codex");
        env.put("HOTPLEX_CODEX_BINARY", CodexBinaryLocator.locate().toString());
        env.put("HOTPLEX_CODEX_HOME", codexHome.toString());
        env.put("HOTPLEX_CODEX_MODEL", FakeOpenAiApi.DEFAULT_MODEL);
        env.put("HOTPLEX_CODEX_SANDBOX", "read-only");
        env.put("HOTPLEX_CODEX_APPROVAL_POLICY", "never");
        env.put("HOTPLEX_CODEX_ENV_" + FakeOpenAiApi.KEY_VARIABLE, "dummy");
        return env;
    }

    private Result run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-Duser.home=" + sandbox.resolve("home"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.hotplex.app.HotplexMain");
        command.addAll(List.of(args));
        Path out = Files.createTempFile(sandbox, "out", ".txt");
        Path err = Files.createTempFile(sandbox, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                        Files.writeString(Files.createTempFile(sandbox, "in", ".txt"), "").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("hotplex " + String.join(" ", args) + " did not end; stderr: "
                    + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
