package dev.hotplex.provider.claude.internal.wire;

import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.CanUseTool;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.ControlCancelRequest;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.ControlResponse;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.OtherControlRequest;

/** Reads the control protocol: {@code control_request}, {@code control_response}, {@code control_cancel_request}. */
final class ControlMessageReader {
    private ControlMessageReader() {
    }

    static ClaudeMessage request(WireObject root, String line) {
        String requestId = root.requiredText("request_id");
        WireObject request = root.requiredObject("request");
        String subtype = request.requiredText("subtype");
        if (!subtype.equals("can_use_tool")) {
            return new OtherControlRequest(requestId, subtype, line);
        }
        return new CanUseTool(requestId, request.requiredText("tool_name"), request.plainObject("input"),
                request.optionalText("tool_use_id"), request.optionalText("description"),
                request.optionalText("blocked_path"), line);
    }

    static ControlResponse response(WireObject root, String line) {
        WireObject response = root.requiredObject("response");
        String subtype = response.requiredText("subtype");
        return new ControlResponse(response.requiredText("request_id"), subtype.equals("success"),
                response.plainObject("response"), response.optionalText("error"), line);
    }

    static ControlCancelRequest cancel(WireObject root, String line) {
        return new ControlCancelRequest(root.requiredText("request_id"), line);
    }
}
