package dev.hotplex.testkit.anthropic;

import dev.hotplex.testkit.fakeapi.Endpoint;
import dev.hotplex.testkit.fakeapi.FakeApi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A local stand-in for the Anthropic Messages API, so the real Claude Code CLI can be driven offline
 * and deterministically: point {@code ANTHROPIC_BASE_URL} at {@link #baseUrl()}.
 *
 * <p>It answers {@code POST /v1/messages} with a server-sent event stream chosen by the prompt (the last
 * text block of the last user message) holding a keyword as whole words ({@code "hang"} is not found in
 * {@code "change"}), case-insensitively, first match wins:
 * <ol>
 *   <li>rules added with {@link Builder#when}, in the order added;</li>
 *   <li>{@code "server error"}: HTTP 500 {@code api_error};</li>
 *   <li>{@code "hang"}: no answer at all until {@link #close()};</li>
 *   <li>{@code "slow"}: text in timed chunks ({@link Builder#slow}); the wait ends as soon as the client
 *       disconnects, which {@link #abortedResponses()} counts;</li>
 *   <li>{@code "think"}: a thinking block, then text;</li>
 *   <li>{@code "write file"}: a {@code Write} tool call ({@link Builder#writeFile});</li>
 *   <li>{@code "use tool"}: a {@code Bash} tool call ({@link Builder#toolCommand});</li>
 *   <li>anything else: {@code "pong: <prompt>"}.</li>
 * </ol>
 * A request whose last user message carries {@code tool_result}s is answered {@code "tool said: <results>"}.
 * Echoes longer than 100 characters are cut. Answers name the requested model; an unreadable body gets
 * 400 {@code invalid_request_error} (and is still recorded). Every other method or path gets 404 and is listed in
 * {@link #unexpectedRequests()}. Request bodies are kept, so tests can check what history the CLI sent.
 */
public final class FakeAnthropicApi extends FakeApi {
    /** The Bash command of the {@code "use tool"} reply unless {@link Builder#toolCommand} says otherwise. */
    public static final String DEFAULT_TOOL_COMMAND = "echo hello-from-tool";

    private FakeAnthropicApi(Endpoint endpoint) {
        super("fake Anthropic API", MessagesEndpoint.MESSAGES_PATH, "Messages", endpoint);
    }

    /** Starts a fake with the default script. */
    public static FakeAnthropicApi start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash: the value for {@code ANTHROPIC_BASE_URL}. */
    public String baseUrl() {
        return origin();
    }

    /**
     * The environment that points a real Claude Code CLI at this fake and keeps it offline: base URL, a dummy
     * key, its own config dir (transcripts, settings), no telemetry, error reports or auto-update, and no
     * retries (a 5xx is otherwise retried 10 times with minutes of backoff).
     */
    public java.util.Map<String, String> cliEnvironment(java.nio.file.Path claudeConfigDir) {
        return java.util.Map.of(
                "ANTHROPIC_BASE_URL", baseUrl(),
                "ANTHROPIC_API_KEY", "dummy",
                "CLAUDE_CONFIG_DIR", claudeConfigDir.toString(),
                "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1",
                "DISABLE_TELEMETRY", "1",
                "DISABLE_ERROR_REPORTING", "1",
                "DISABLE_AUTOUPDATER", "1",
                "CLAUDE_CODE_MAX_RETRIES", "0");
    }

    @Override
    public String toString() {
        return "FakeAnthropicApi[" + baseUrl() + "]";
    }

    /** Configures the built-in behaviours and adds scripted ones; not thread-safe, use it before {@link #start}. */
    public static final class Builder {
        private final List<ReplyScript.Rule> custom = new ArrayList<>();
        private String toolCommand = DEFAULT_TOOL_COMMAND;
        private String writePath = "hotplex-fake-write.txt";
        private String writeContent = "written by the fake Anthropic API\n";
        private int slowChunks = 10;
        private Duration slowDelay = Duration.ofMillis(200);

        private Builder() {
        }

        /**
         * The Bash command the {@code "use tool"} reply asks to run. Claude Code runs read-only commands such
         * as the default {@value FakeAnthropicApi#DEFAULT_TOOL_COMMAND} without asking; a writing one (e.g. {@code touch})
         * makes it ask for permission.
         */
        public Builder toolCommand(String command) {
            this.toolCommand = requireNonNull(command, "command is null");
            return this;
        }

        /**
         * The file the {@code "write file"} reply asks the {@code Write} tool to create; a relative path is
         * resolved by the CLI against its working directory. Default {@code hotplex-fake-write.txt}.
         */
        public Builder writeFile(String filePath, String content) {
            this.writePath = requireNonNull(filePath, "filePath is null");
            this.writeContent = requireNonNull(content, "content is null");
            return this;
        }

        /** The {@code "slow"} reply: {@code chunks} text deltas, each after {@code delay}. Default 10 × 200 ms. */
        public Builder slow(int chunks, Duration delay) {
            Reply.slow(chunks, delay); // validates
            this.slowChunks = chunks;
            this.slowDelay = delay;
            return this;
        }

        /** Answers {@code reply} when the prompt contains {@code keyword}; checked before the built-ins. */
        public Builder when(String keyword, Reply reply) {
            custom.add(new ReplyScript.Rule(keyword, reply));
            return this;
        }

        /** Binds an ephemeral port on 127.0.0.1 and starts serving on virtual threads. */
        public FakeAnthropicApi start() {
            List<ReplyScript.Rule> rules = new ArrayList<>(custom);
            rules.add(new ReplyScript.Rule("server error", Reply.serverError("fake failure")));
            rules.add(new ReplyScript.Rule("hang", Reply.hang()));
            rules.add(new ReplyScript.Rule("slow", Reply.slow(slowChunks, slowDelay)));
            rules.add(new ReplyScript.Rule("think", Reply.thinking("Let me think about this.", "thought it through")));
            rules.add(new ReplyScript.Rule("write file", Reply.write(writePath, writeContent)));
            rules.add(new ReplyScript.Rule("use tool", Reply.bash(toolCommand)));

            return new FakeAnthropicApi(new MessagesEndpoint(new ReplyScript(rules)));
        }
    }
}
