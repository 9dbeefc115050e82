package dev.hotplex.waf;

import dev.hotplex.core.model.BlockLayer;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.Verdict;
import dev.hotplex.core.port.out.Clock;
import dev.hotplex.core.port.out.EngineObserver;
import dev.hotplex.waf.internal.audit.AuditWriter;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The firewall's audit trail, as an engine observer: every block, every decision the admin's danger
 * bypass let through, every tool-permission decision and every bypass switch is appended as one JSON
 * line ({@code ts}, {@code event}, {@code session}, {@code layer}, {@code rule}, {@code category},
 * {@code severity}, {@code reason}, {@code matched}, ...), with secrets redacted. Append-only: the
 * file is opened for appending and never truncated. Without a file, records go to the system logger
 * {@code dev.hotplex.waf.audit}. Observer calls never throw.
 */
public final class AuditLog implements EngineObserver, AutoCloseable {
    private final AuditWriter writer;
    private final Clock clock;

    public AuditLog(Optional<Path> file, Clock clock) {
        this.writer = new AuditWriter(requireNonNull(file, "file is null"));
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void blocked(SessionId sessionId, BlockLayer layer, Verdict.Blocked verdict) {
        write("blocked", sessionId, record -> verdict(record, layer, verdict));
    }

    @Override
    public void bypassed(SessionId sessionId, BlockLayer layer, Verdict.Blocked verdict) {
        write("bypassed", sessionId, record -> verdict(record, layer, verdict));
    }

    @Override
    public void permissionDecided(SessionId sessionId, String requestId, PermissionDecision decision, String source) {
        write("permission", sessionId, record -> {
            record.put("request", requestId);
            record.put("allow", decision.allow());
            record.put("source", source);
            decision.message().ifPresent(message -> record.put("message", message));
        });
    }

    @Override
    public void dangerBypassChanged(boolean enabled) {
        write("bypass_changed", null, record -> record.put("enabled", enabled));
    }

    @Override
    public void close() {
        writer.close();
    }

    private static void verdict(Map<String, Object> record, BlockLayer layer, Verdict.Blocked verdict) {
        record.put("layer", layer.name());
        record.put("rule", verdict.ruleId());
        record.put("category", verdict.category());
        record.put("severity", verdict.severity().name());
        record.put("reason", verdict.reason());
        record.put("matched", verdict.matched());
    }

    private void write(String event, SessionId sessionId, java.util.function.Consumer<Map<String, Object>> details) {
        try {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("ts", clock.now().toString());
            record.put("event", event);
            if (sessionId != null) {
                record.put("session", sessionId.value());
            }
            details.accept(record);
            writer.write(record);
        } catch (RuntimeException e) {
            System.getLogger(AuditLog.class.getName()).log(System.Logger.Level.ERROR, "audit record lost", e);
        }
    }
}
