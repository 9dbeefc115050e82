package dev.hotplex.provider.claude.internal.wire;

import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.ApiRetry;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.PermissionDenied;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.SystemInit;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.SystemOther;

/** Reads {@code type:"system"} lines by subtype; unknown subtypes are kept as {@link SystemOther}. */
final class SystemMessageReader {
    private SystemMessageReader() {
    }

    static ClaudeMessage read(WireObject root, String line) {
        String subtype = root.requiredText("subtype");
        return switch (subtype) {
            case "init" -> new SystemInit(root.requiredText("session_id"), root.optionalText("model"),
                    root.optionalText("cwd"), root.textList("tools"), root.optionalText("permissionMode"),
                    root.optionalText("claude_code_version"), line);
            case "permission_denied" -> new PermissionDenied(root.requiredText("tool_name"),
                    root.requiredText("tool_use_id"), root.optionalText("message").orElse(""), line);
            case "api_retry" -> new ApiRetry(root.longOr("attempt", 0), root.longOr("max_retries", 0),
                    root.longOr("retry_delay_ms", 0), root.optionalLong("error_status"), root.optionalText("error"),
                    line);
            default -> new SystemOther(subtype, line);
        };
    }
}
