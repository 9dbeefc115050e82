package dev.hotplex.testkit.openai;

import dev.hotplex.testkit.fakeapi.Endpoint;
import dev.hotplex.testkit.fakeapi.FakeApi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A local stand-in for the OpenAI Responses API, so the real Codex CLI can be driven offline and
 * deterministically: {@link #writeCodexHome} points a {@code CODEX_HOME} at it through a custom model
 * provider ({@code OPENAI_BASE_URL} alone is ignored by Codex 0.169.0).
 *
 * <p>It answers {@code POST /v1/responses} with server-sent events chosen by the prompt (the last user text
 * that is not one of Codex's own {@code <...>} context blocks) holding a keyword as whole words,
 * case-insensitively, first match wins: rules added with {@link Builder#when}; {@code "server error"}: HTTP 500;
 * {@code "hang"}: no answer until {@link #close()}; {@code "slow"}: text in timed chunks ({@link Builder#slow});
 * {@code "think"}: a reasoning summary, then text; {@code "use tool"}: a {@code function_call} of
 * {@code exec_command} ({@link Builder#toolCommand}); {@code "write file"}: an {@code apply_patch} that adds a
 * file ({@link Builder#writeFile}); anything else: {@code "pong: <prompt>"}. A request whose
 * input ends with {@code function_call_output}s is answered {@code "tool said: <output>"}. Every other method or
 * path gets 404 and is listed in {@link #unexpectedRequests()}.
 */
public final class FakeOpenAiApi extends FakeApi {
    /** The command of the {@code "use tool"} reply unless {@link Builder#toolCommand} says otherwise. */
    public static final String DEFAULT_TOOL_COMMAND = "echo hello-from-tool";
    /** A model slug Codex knows, so it does not report missing model metadata as an error item. */
    public static final String DEFAULT_MODEL = "gpt-5.5";
    /** The variable Codex reads the (dummy) API key from, named by the provider's {@code env_key}. */
    public static final String KEY_VARIABLE = "HOTPLEX_FAKE_OPENAI_KEY";

    private FakeOpenAiApi(Endpoint endpoint) {
        super("fake OpenAI API", ResponsesEndpoint.RESPONSES_PATH, "Responses", endpoint);
    }

    public static FakeOpenAiApi start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>/v1}: the model provider's {@code base_url}. */
    public String baseUrl() {
        return origin() + "/v1";
    }

    /**
     * A {@code config.toml} that sends Codex to this fake through a custom model provider and turns off
     * everything that would reach other hosts: update checks, analytics, feedback, OpenTelemetry export,
     * plugins and apps.
     */
    public String codexConfig(String model) {
        requireNonNull(model, "model is null");
        return """
                model = "%s"
                model_provider = "hotplex-fake"
                check_for_update_on_startup = false

                [model_providers.hotplex-fake]
                name = "hotplex fake OpenAI"
                base_url = "%s"
                wire_api = "responses"
                env_key = "%s"
                request_max_retries = 0
                stream_max_retries = 0

                [analytics]
                enabled = false

                [feedback]
                enabled = false

                [otel]
                exporter = "none"

                [features]
                plugins = false
                remote_plugin = false
                apps = false
                """.formatted(model, baseUrl(), KEY_VARIABLE);
    }

    /** Creates {@code codexHome} if needed and writes {@link #codexConfig} with {@link #DEFAULT_MODEL} into it. */
    public Path writeCodexHome(Path codexHome) {
        try {
            Files.createDirectories(codexHome);
            Files.writeString(codexHome.resolve("config.toml"), codexConfig(DEFAULT_MODEL));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Codex config under " + codexHome, e);
        }
        return codexHome;
    }

    /** The environment a Codex process needs next to {@link #writeCodexHome}: its home and the dummy key. */
    public Map<String, String> cliEnvironment(Path codexHome) {
        return Map.of("CODEX_HOME", codexHome.toString(), KEY_VARIABLE, "dummy");
    }

    @Override
    public String toString() {
        return "FakeOpenAiApi[" + baseUrl() + "]";
    }

    /** Configures the built-in behaviours and adds scripted ones; use it before {@link #start}. */
    public static final class Builder {
        private final List<ResponsesEndpoint.Rule> custom = new ArrayList<>();
        private String toolCommand = DEFAULT_TOOL_COMMAND;
        private String writePath = "hotplex-fake-write.txt";
        private String writeContent = "written by the fake OpenAI API";
        private int slowChunks = 10;
        private Duration slowDelay = Duration.ofMillis(200);

        private Builder() {
        }

        /** The command the {@code "use tool"} reply asks {@code exec_command} to run. */
        public Builder toolCommand(String command) {
            this.toolCommand = requireNonNull(command, "command is null");
            return this;
        }

        /** The file (relative to the work dir) and one line of content the {@code "write file"} patch adds. */
        public Builder writeFile(String path, String line) {
            this.writePath = requireNonNull(path, "path is null");
            this.writeContent = requireNonNull(line, "line is null");
            return this;
        }

        /** The {@code "slow"} reply: {@code chunks} text deltas, each after {@code delay}. Default 10 × 200 ms. */
        public Builder slow(int chunks, Duration delay) {
            new ResponsesReply.Slow(chunks, delay); // validates
            this.slowChunks = chunks;
            this.slowDelay = delay;
            return this;
        }

        /** Answers {@code text} when the prompt contains {@code keyword}; checked before the built-ins. */
        public Builder whenText(String keyword, String text) {
            custom.add(new ResponsesEndpoint.Rule(keyword, new ResponsesReply.Text(text)));
            return this;
        }

        /** Runs {@code command} through {@code exec_command} when the prompt contains {@code keyword}. */
        public Builder whenCommand(String keyword, String command) {
            custom.add(new ResponsesEndpoint.Rule(keyword, new ResponsesReply.Command(command)));
            return this;
        }

        /** Binds an ephemeral port on 127.0.0.1 and starts serving on virtual threads. */
        public FakeOpenAiApi start() {
            List<ResponsesEndpoint.Rule> rules = new ArrayList<>(custom);
            rules.add(new ResponsesEndpoint.Rule("server error", new ResponsesReply.Failure(500, "fake failure")));
            rules.add(new ResponsesEndpoint.Rule("hang", new ResponsesReply.Hang()));
            rules.add(new ResponsesEndpoint.Rule("slow", new ResponsesReply.Slow(slowChunks, slowDelay)));
            rules.add(new ResponsesEndpoint.Rule("think", new ResponsesReply.Reasoning("Let me think about this.",
                    "thought it through")));
            rules.add(new ResponsesEndpoint.Rule("use tool", new ResponsesReply.Command(toolCommand)));
            rules.add(new ResponsesEndpoint.Rule("write file", new ResponsesReply.Patch("*** Begin Patch\n*** Add File: "
                    + writePath + "\n+" + writeContent + "\n*** End Patch\n")));

            return new FakeOpenAiApi(new ResponsesEndpoint(rules));
        }
    }
}
