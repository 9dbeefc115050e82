package dev.hotplex.provider.codex.internal.wire;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What every {@code thread/start} and {@code thread/resume} carries besides the work dir.
 *
 * @param model          empty: Codex's own default (from its config.toml)
 * @param sandbox        {@code read-only}, {@code workspace-write} or {@code danger-full-access}
 * @param approvalPolicy {@code untrusted}, {@code on-failure}, {@code on-request} or {@code never}
 */
public record ThreadSettings(Optional<String> model, String sandbox, String approvalPolicy) {
    public ThreadSettings {
        requireNonNull(model, "model is null");
        requireNonNull(sandbox, "sandbox is null");
        requireNonNull(approvalPolicy, "approvalPolicy is null");
    }
}
