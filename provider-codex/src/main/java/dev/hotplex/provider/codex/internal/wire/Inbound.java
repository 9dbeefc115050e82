package dev.hotplex.provider.codex.internal.wire;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.core.model.ToolCall;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One line from {@code codex app-server}, decoded. */
public sealed interface Inbound {

    /**
     * The answer to one of our requests.
     *
     * @param threadId from {@code thread/start} and {@code thread/resume}
     * @param turnId   from {@code turn/start}
     * @param model    the thread's model, from {@code thread/start} and {@code thread/resume}
     * @param error    the JSON-RPC error's message, when the request failed
     */
    record Response(long id, Optional<String> threadId, Optional<String> turnId, Optional<String> model,
                    Optional<String> error) implements Inbound {
        public Response {
            requireNonNull(model, "model is null");
            requireNonNull(threadId, "threadId is null");
            requireNonNull(turnId, "turnId is null");
            requireNonNull(error, "error is null");
        }
    }

    /** Notifications that map to turn events (answer, thinking, tool use and result). */
    record Events(List<AgentEvent> events) implements Inbound {
        public Events {
            events = List.copyOf(requireNonNull(events, "events is null"));
        }
    }

    /** {@code turn/started}: the id {@code turn/interrupt} needs. */
    record TurnStarted(String turnId) implements Inbound {
        public TurnStarted {
            requireNonNull(turnId, "turnId is null");
        }
    }

    /** {@code thread/tokenUsage/updated}: the thread's cumulative usage. */
    record TokenTotals(TokenUsage total) implements Inbound {
        public TokenTotals {
            requireNonNull(total, "total is null");
        }
    }

    /**
     * {@code turn/completed}.
     *
     * @param status {@code completed}, {@code interrupted} or {@code failed}
     * @param error  the turn's error message, when it failed
     */
    record TurnEnded(String turnId, String status, Optional<String> lastAnswer, Optional<String> error)
            implements Inbound {
        public TurnEnded {
            requireNonNull(turnId, "turnId is null");
            requireNonNull(status, "status is null");
            requireNonNull(lastAnswer, "lastAnswer is null");
            requireNonNull(error, "error is null");
        }
    }

    /** An {@code error} notification; {@code willRetry} means Codex tries again by itself. */
    record ErrorNotice(String message, boolean willRetry) implements Inbound {
        public ErrorNotice {
            requireNonNull(message, "message is null");
        }
    }

    /**
     * A server→client approval request ({@code item/commandExecution/requestApproval},
     * {@code item/fileChange/requestApproval}, ...); answer it with {@link CodexEncoder#approval}.
     *
     * @param rpcId the request's JSON id, as written (a number or a quoted string)
     */
    record Approval(String rpcId, ToolCall call, Optional<String> reason) implements Inbound {
        public Approval {
            requireNonNull(rpcId, "rpcId is null");
            requireNonNull(call, "call is null");
            requireNonNull(reason, "reason is null");
        }
    }

    /** A server→client request hotplex does not handle; answer it with {@link CodexEncoder#unsupported}. */
    record UnsupportedRequest(String rpcId, String method) implements Inbound {
        public UnsupportedRequest {
            requireNonNull(rpcId, "rpcId is null");
            requireNonNull(method, "method is null");
        }
    }

    /** A notification that changes nothing for hotplex (status changes, rate limits, warnings, ...). */
    record Ignored(String method) implements Inbound {
        public Ignored {
            requireNonNull(method, "method is null");
        }
    }

    /** A line that is not JSON-RPC: skipped and counted, never fatal. */
    record Malformed(String why) implements Inbound {
        public Malformed {
            requireNonNull(why, "why is null");
        }
    }
}
