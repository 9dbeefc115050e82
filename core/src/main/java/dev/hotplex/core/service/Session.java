package dev.hotplex.core.service;

import dev.hotplex.core.model.ProviderTotals;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.SessionState;
import dev.hotplex.core.model.SessionStats;
import dev.hotplex.core.model.SessionView;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.core.port.out.SessionRecord;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * The live state of one session: its process, its running turn, its totals. All mutable state is
 * guarded by this object's monitor; nothing slow (spawning, killing, I/O) happens while holding it.
 */
final class Session {
    private final SessionId sessionId;
    private final String owner;
    private final String providerSessionId;
    private final Path workDir;
    private final Instant createdAt;
    private final Optional<String> systemPrompt;
    private final String providerName;

    private SessionState state = SessionState.IDLE;
    private AgentConnection connection;
    private ProviderTotals lastTotals = ProviderTotals.NONE;
    private Instant lastActiveAt;
    private SessionStats stats;
    private TurnExecution currentTurn;
    private boolean closing;
    private boolean spareUnused;
    private ToolRules allowedTools = new ToolRules(java.util.List.of());
    private ToolRules disallowedTools = new ToolRules(java.util.List.of());

    Session(SessionRecord record, Optional<String> systemPrompt, String providerName) {
        this.sessionId = record.sessionId();
        this.owner = record.owner();
        this.providerSessionId = record.providerSessionId();
        this.workDir = record.workDir();
        this.createdAt = record.createdAt();
        this.lastActiveAt = record.lastActiveAt();
        this.stats = record.stats();
        this.systemPrompt = requireNonNull(systemPrompt, "systemPrompt is null");
        this.providerName = requireNonNull(providerName, "providerName is null");
    }

    SessionId sessionId() {
        return sessionId;
    }

    String owner() {
        return owner;
    }

    /** The provider the session runs on; it never changes. */
    String providerName() {
        return providerName;
    }

    String providerSessionId() {
        return providerSessionId;
    }

    Path workDir() {
        return workDir;
    }

    Optional<String> systemPrompt() {
        return systemPrompt;
    }

    /** Claims the session for a turn; false when a turn is running or the session is being stopped. */
    synchronized boolean tryBegin(TurnExecution turn, Instant now) {
        if (currentTurn != null || closing) {
            return false;
        }
        currentTurn = turn;
        lastActiveAt = now;
        return true;
    }

    synchronized void end(TurnExecution turn) {
        if (currentTurn == turn) {
            currentTurn = null;
            if (state == SessionState.BUSY || state == SessionState.STARTING) {
                state = connection != null && connection.isAlive() ? SessionState.READY : SessionState.DEAD;
            }
        }
    }

    synchronized Optional<TurnExecution> currentTurn() {
        return Optional.ofNullable(currentTurn);
    }

    /** The connection if it is still alive; a dead one is dropped (and its totals with it). */
    synchronized Optional<AgentConnection> liveConnection() {
        if (connection != null && !connection.isAlive()) {
            connection = null;
            lastTotals = ProviderTotals.NONE;
            state = SessionState.DEAD;
        }
        return Optional.ofNullable(connection);
    }

    synchronized void markStarting() {
        state = SessionState.STARTING;
    }

    /** Adopts a freshly started connection; false when the session began closing meanwhile. */
    synchronized boolean attach(AgentConnection fresh, SessionSpec spec) {
        if (closing) {
            return false;
        }
        connection = fresh;
        allowedTools = new ToolRules(spec.allowedTools());
        disallowedTools = new ToolRules(spec.disallowedTools());
        lastTotals = ProviderTotals.NONE;
        state = SessionState.READY;
        return true;
    }

    /** Takes over a spare process before the session's first turn (the session is not yet visible to anyone). */
    synchronized void adoptSpare(AgentConnection spare, SessionSpec spec) {
        attach(spare, spec);
        spareUnused = true;
    }

    /** True once, for the first turn on an adopted spare. */
    synchronized boolean takeSpareUse() {
        boolean first = spareUnused && connection != null;
        spareUnused = false;
        return first;
    }

    /** The tool rules the running process was started with. */
    synchronized ToolRules allowedTools() {
        return allowedTools;
    }

    synchronized ToolRules disallowedTools() {
        return disallowedTools;
    }

    synchronized void markBusy() {
        state = SessionState.BUSY;
    }

    /** Marks the session closing (no new turns) and hands back its connection, if any. */
    synchronized Optional<AgentConnection> beginClosing() {
        closing = true;
        return Optional.ofNullable(connection);
    }

    /** Drops the connection after it was closed, leaving the session in {@code finalState}. */
    synchronized void detach(SessionState finalState) {
        connection = null;
        spareUnused = false;
        lastTotals = ProviderTotals.NONE;
        state = finalState;
    }

    /** Ends a closing phase that kept the session (reset, cleanup). */
    synchronized void reopen() {
        closing = false;
    }

    synchronized boolean isDormant() {
        return currentTurn == null && connection == null;
    }

    synchronized boolean isBusy() {
        return currentTurn != null;
    }

    synchronized boolean hasLiveProcess() {
        return connection != null;
    }

    synchronized void touch(Instant now) {
        if (now.isAfter(lastActiveAt)) {
            lastActiveAt = now;
        }
    }

    synchronized Instant lastActiveAt() {
        return lastActiveAt;
    }

    /** Swaps in the provider's latest running totals and returns the previous ones. */
    synchronized ProviderTotals exchangeTotals(ProviderTotals latest) {
        ProviderTotals previous = lastTotals;
        lastTotals = latest;
        return previous;
    }

    synchronized SessionStats addTurn(dev.hotplex.core.model.TurnStats turn) {
        stats = stats.plus(turn);
        return stats;
    }

    synchronized SessionStats stats() {
        return stats;
    }

    synchronized SessionState state() {
        return state;
    }

    synchronized SessionRecord toRecord() {
        return new SessionRecord(sessionId, owner, providerName, providerSessionId, workDir, createdAt, lastActiveAt,
                state, stats);
    }

    synchronized SessionView view() {
        OptionalLong pid = connection == null ? OptionalLong.empty() : connection.pid();
        return new SessionView(sessionId, owner, state, pid, createdAt, lastActiveAt, providerSessionId, workDir,
                providerName);
    }
}
