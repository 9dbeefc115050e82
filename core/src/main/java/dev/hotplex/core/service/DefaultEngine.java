package dev.hotplex.core.service;

import dev.hotplex.core.error.ErrorCode;
import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.BlockLayer;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.ProviderTotals;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.SessionState;
import dev.hotplex.core.model.SessionStats;
import dev.hotplex.core.model.SessionView;
import dev.hotplex.core.model.ToolCall;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.model.TurnStats;
import dev.hotplex.core.model.Verdict;
import dev.hotplex.core.port.in.Engine;
import dev.hotplex.core.port.in.EventSink;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.AgentProvider;
import dev.hotplex.core.port.out.Clock;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.port.out.EngineObserver;
import dev.hotplex.core.port.out.IdGenerator;
import dev.hotplex.core.port.out.SessionRecord;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.core.port.out.SessionStore;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.core.port.out.TurnInput;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The engine: a bounded pool of hot sessions over one {@link AgentProvider}, one turn at a time per
 * session, with the firewall in front and telemetry hooks along the way. See {@link Engine}.
 */
public final class DefaultEngine implements Engine {
    private static final System.Logger LOG = System.getLogger(DefaultEngine.class.getName());

    private final EngineConfig config;
    private final AgentProviders providers;
    private final ContentPolicy policy;
    private final EngineObserver observer;
    private final SessionStore store;
    private final Clock clock;
    private final IdGenerator ids;
    private final WorkDirResolver workDirs;
    private final ProviderSessionIds providerSessionIds;
    private final SessionRegistry registry;
    private final DangerBypass bypass;
    private final ScheduledExecutorService timer;
    private final ExecutorService turnThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore startSlots;
    private final Optional<SparePool> spares;
    private final Object inFlightMonitor = new Object();
    private int turnsInFlight;
    private volatile List<String> allowedTools;
    private volatile List<String> disallowedTools;
    private volatile boolean closed;

    public DefaultEngine(EngineConfig config, AgentProvider provider, ContentPolicy policy, EngineObserver observer,
                         SessionStore store, Clock clock, IdGenerator ids) {
        this(config, AgentProviders.of(requireNonNull(provider, "provider is null")), policy, observer, store, clock,
                ids);
    }

    /** Several providers: each session runs on the one it names (or the default) and stays on it. */
    public DefaultEngine(EngineConfig config, AgentProviders providers, ContentPolicy policy, EngineObserver observer,
                         SessionStore store, Clock clock, IdGenerator ids) {
        this.config = requireNonNull(config, "config is null");
        this.providers = requireNonNull(providers, "providers is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.observer = requireNonNull(observer, "observer is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.workDirs = new WorkDirResolver(config.workspaceRoot());
        this.providerSessionIds = new ProviderSessionIds(config.namespace());
        this.registry = new SessionRegistry(config.maxSessions());
        this.startSlots = new Semaphore(config.maxConcurrentStarts(), true);
        this.bypass = new DangerBypass(config.adminToken(), config.maxBypass(), clock);
        this.allowedTools = config.allowedTools();
        this.disallowedTools = config.disallowedTools();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hotplex-engine-timer");
            thread.setDaemon(true);
            return thread;
        });
        if (!config.reaperInterval().isZero()) {
            long every = config.reaperInterval().toMillis();
            timer.scheduleWithFixedDelay(this::reapIdleSafely, every, every, TimeUnit.MILLISECONDS);
        }
        this.spares = sparePool();
        spares.ifPresent(SparePool::start);
    }

    /** Spares of the default provider, when configured and the provider can start processes ahead of sessions. */
    private Optional<SparePool> sparePool() {
        if (!config.prewarm().enabled()) {
            return Optional.empty();
        }
        AgentProvider provider = providers.defaultProvider();
        if (!provider.supportsSpares()) {
            LOG.log(System.Logger.Level.WARNING, "pre-warming is off: provider {0} cannot start a process before "
                    + "its session exists with this configuration", provider.name());
            return Optional.empty();
        }
        return Optional.of(new SparePool(config, provider, workDirs, observer, clock, startSlots, registry::size,
                () -> new SparePool.Tools(allowedTools, disallowedTools)));
    }

    // ---- turns ---------------------------------------------------------------------------------

    @Override
    public TurnResult execute(SessionConfig sessionConfig, String prompt, EventSink sink) {
        requireNonNull(sessionConfig, "sessionConfig is null");
        requireNonNull(sink, "sink is null");
        enterTurn();
        try {
            checkPrompt(prompt);
            validate(sessionConfig);
            Session session = admit(sessionConfig);
            TurnExecution turn = new TurnExecution(ids.newId(), session, sink, turnContext());
            if (!session.tryBegin(turn, clock.now())) {
                throw new HotplexException(StandardErrorCode.SESSION_BUSY,
                        "session '" + sessionConfig.sessionId() + "' is already running a turn");
            }
            persist(session);
            reportCounts();
            try {
                return runTurn(session, turn, sessionConfig, prompt);
            } finally {
                session.end(turn);
                persist(session);
                registry.releaseIfDormant(session);
                reportCounts();
            }
        } finally {
            leaveTurn();
        }
    }

    /** The live session for this config, created (within capacity) if needed. */
    private Session admit(SessionConfig sessionConfig) {
        Optional<Path> requestedDir = sessionConfig.workDir().filter(dir -> !dir.isEmpty())
                .map(dir -> workDirs.resolve(sessionConfig));
        Session session = registry.acquire(sessionConfig.sessionId(), () -> newSession(sessionConfig, requestedDir));
        String refusal = null;
        if (!session.owner().equals(sessionConfig.owner())) {
            refusal = "session id '" + sessionConfig.sessionId() + "' is not available to this owner";
        } else if (requestedDir.isPresent() && !requestedDir.get().equals(session.workDir())) {
            refusal = "session '" + sessionConfig.sessionId() + "' already works in " + session.workDir();
        } else if (sessionConfig.provider().filter(wanted -> !wanted.equals(session.providerName())).isPresent()) {
            refusal = "session '" + sessionConfig.sessionId() + "' runs on provider '" + session.providerName()
                    + "'; it cannot move to '" + sessionConfig.provider().get() + "' (start a new session for that)";
        }
        if (refusal != null) {
            registry.releaseIfDormant(session);
            throw new HotplexException(StandardErrorCode.INVALID_REQUEST, refusal);
        }
        return session;
    }

    @Override
    public CompletableFuture<TurnResult> submit(SessionConfig sessionConfig, String prompt, EventSink sink) {
        requireOpen();
        return CompletableFuture.supplyAsync(() -> execute(sessionConfig, prompt, sink), turnThreads);
    }

    private TurnResult runTurn(Session session, TurnExecution turn, SessionConfig sessionConfig, String prompt) {
        observer.turnStarted(session.sessionId(), turn.turnId());
        Optional<TurnResult> refused = screenPrompt(session, turn, prompt);
        if (refused.isPresent()) {
            return refused.get();
        }
        observer.turnPrompt(session.sessionId(), turn.turnId(), prompt);
        boolean coldStart = session.liveConnection().isEmpty();
        boolean prewarmed = session.takeSpareUse() && !coldStart; // a spare that died meanwhile is a cold start
        boolean resumed = false;
        AgentConnection connection;
        if (coldStart) {
            SessionSpec spec = specFor(session, false);
            resumed = providerOf(session).canResume(spec);
            Started started = start(session, resumed ? specFor(session, true) : spec);
            if (started.connection().isEmpty()) {
                return fail(session, turn, Optional.empty(), started.failureCode(),
                        turn.stopReason().orElse(started.failure()), TurnOutcome.START_FAILED);
            }
            connection = started.connection().get();
        } else {
            connection = session.liveConnection().orElseThrow();
        }
        turn.useConnection(connection);
        turn.emit(new AgentEvent.SessionStart(session.sessionId(), session.providerSessionId(), coldStart, resumed,
                connection.pid(), session.workDir(), prewarmed));
        if (turn.interruptRequested() || turn.stopReason().isPresent()) {
            return fail(session, turn, Optional.empty(), StandardErrorCode.INTERRUPTED,
                    turn.stopReason().orElse("interrupted before the turn started"), TurnOutcome.INTERRUPTED);
        }
        session.markBusy();
        String input = sessionConfig.instructions().map(text -> text + "\n\n" + prompt).orElse(prompt);
        try {
            connection.startTurn(new TurnInput(turn.turnId(), input), turn);
        } catch (HotplexException e) {
            closeQuietly(connection);
            session.detach(SessionState.DEAD);
            observer.processExited(session.sessionId(), true, e.getMessage());
            return fail(session, turn, Optional.empty(), StandardErrorCode.PROCESS_DIED, e.getMessage(),
                    TurnOutcome.PROCESS_DIED);
        }
        return awaitEnd(session, turn, connection);
    }

    /** Runs the prompt through the firewall; a block ends the turn before the agent sees anything. */
    private Optional<TurnResult> screenPrompt(Session session, TurnExecution turn, String prompt) {
        if (policy.checkPrompt(prompt) instanceof Verdict.Blocked blocked) {
            if (bypass.active()) {
                LOG.log(System.Logger.Level.WARNING, "danger bypass let a blocked prompt through: rule {0}",
                        blocked.ruleId());
                observer.bypassed(session.sessionId(), BlockLayer.PROMPT, blocked);
                return Optional.empty();
            }
            observer.blocked(session.sessionId(), BlockLayer.PROMPT, blocked);
            turn.emit(new AgentEvent.DangerBlock(BlockLayer.PROMPT, blocked, Optional.empty()));
            return Optional.of(fail(session, turn, Optional.empty(), StandardErrorCode.DANGER_BLOCKED,
                    "blocked by firewall rule " + blocked.ruleId() + ": " + blocked.reason(), TurnOutcome.BLOCKED));
        }
        return Optional.empty();
    }

    /** A started connection, or why there is none. */
    private record Started(Optional<AgentConnection> connection, ErrorCode failureCode, String failure) {
        static Started failed(ErrorCode code, String why) {
            return new Started(Optional.empty(), code, why);
        }
    }

    private Started start(Session session, SessionSpec spec) {
        session.markStarting();
        Instant startedAt = clock.now();
        AgentConnection connection;
        try {
            workDirs.create(spec.workDir());
            connection = openThrottled(providerOf(session), spec);
        } catch (RuntimeException e) {
            ErrorCode code = e instanceof HotplexException hotplex
                    && hotplex.errorCode() == StandardErrorCode.PROVIDER_UNAVAILABLE
                    ? StandardErrorCode.PROVIDER_UNAVAILABLE : StandardErrorCode.PROCESS_START_FAILED;
            String reason = e instanceof HotplexException ? e.getMessage() : e.toString();
            LOG.log(System.Logger.Level.DEBUG, "could not start a process for session {0}: {1}",
                    session.sessionId(), reason);
            observer.processStartFailed(session.sessionId(), reason);
            session.detach(SessionState.DEAD);
            return Started.failed(code, "the agent process could not be started: " + reason);
        }
        if (!session.attach(connection, spec)) {
            // stopped while starting: the fresh process must not outlive the stop
            closeQuietly(connection);
            return Started.failed(StandardErrorCode.INTERRUPTED, "the session was stopped while its process started");
        }
        observer.processStarted(session.sessionId(), connection.pid(), Duration.between(startedAt, clock.now()),
                spec.resume());
        return new Started(Optional.of(connection), StandardErrorCode.INTERNAL, "");
    }

    /** Cold starts are CPU-bound: at most {@code maxConcurrentStarts} at once, the rest wait their turn. */
    private AgentConnection openThrottled(AgentProvider provider, SessionSpec spec) {
        boolean acquired;
        try {
            acquired = startSlots.tryAcquire(config.turnTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HotplexException(StandardErrorCode.INTERRUPTED, "interrupted while waiting to start a process", e);
        }
        if (!acquired) {
            throw new HotplexException(StandardErrorCode.PROCESS_START_FAILED,
                    "no process start slot became free within " + config.turnTimeout().toSeconds() + " s");
        }
        try {
            return provider.open(spec);
        } finally {
            startSlots.release();
        }
    }

    private TurnResult awaitEnd(Session session, TurnExecution turn, AgentConnection connection) {
        Optional<TurnCompletion> completion = turn.awaitCompletion(config.turnTimeout());
        boolean timedOut = completion.isEmpty();
        if (timedOut) {
            observer.turnTimedOut(session.sessionId());
            connection.interrupt();
            completion = turn.awaitCompletion(config.interruptGrace());
            if (completion.isEmpty()) {
                closeQuietly(connection);
                session.detach(SessionState.DEAD);
                observer.processExited(session.sessionId(), false, "killed after turn timeout");
                completion = turn.awaitCompletion(config.stopGrace());
            }
        }
        TurnCompletion ended = completion.orElse(null);
        if (ended != null && ended.status() == TurnCompletion.Status.PROCESS_DIED && turn.stopReason().isEmpty()
                && !timedOut) {
            session.detach(SessionState.DEAD);
            observer.processExited(session.sessionId(), true, ended.message().orElse("the agent process died"));
        }
        if (timedOut) {
            return fail(session, turn, Optional.ofNullable(ended), StandardErrorCode.TURN_TIMEOUT,
                    "the turn exceeded " + config.turnTimeout().toSeconds() + " s", TurnOutcome.TIMED_OUT);
        }
        if (turn.stopReason().isPresent()) {
            return fail(session, turn, Optional.ofNullable(ended), StandardErrorCode.INTERRUPTED,
                    turn.stopReason().get(), TurnOutcome.INTERRUPTED);
        }
        return switch (ended.status()) {
            case SUCCESS -> succeed(session, turn, ended);
            case FAILED -> fail(session, turn, Optional.of(ended), StandardErrorCode.TURN_FAILED,
                    ended.message().orElse("the agent reported an error"), TurnOutcome.FAILED);
            case INTERRUPTED -> fail(session, turn, Optional.of(ended), StandardErrorCode.INTERRUPTED,
                    ended.message().orElse("the turn was interrupted"), TurnOutcome.INTERRUPTED);
            case PROCESS_DIED -> fail(session, turn, Optional.of(ended), StandardErrorCode.PROCESS_DIED,
                    ended.message().orElse("the agent process died"), TurnOutcome.PROCESS_DIED);
        };
    }

    private TurnResult succeed(Session session, TurnExecution turn, TurnCompletion completion) {
        ProviderTotals perTurn = perTurnTotals(session, Optional.of(completion));
        AgentEvent.SessionStatsEvent terminal = turn.finish(recorder -> {
            TurnStats stats = recorder.finish(clock.now(), Optional.of(completion), perTurn, false);
            return new AgentEvent.SessionStatsEvent(stats, session.addTurn(stats));
        });
        String answer = completion.resultText().orElseGet(turn::answerText);
        TurnResult result = new TurnResult(session.sessionId(), TurnOutcome.SUCCESS, answer, terminal.turn(),
                Optional.empty());
        observer.turnFinished(session.sessionId(), turn.turnId(), result);
        return result;
    }

    private TurnResult fail(Session session, TurnExecution turn, Optional<TurnCompletion> completion, ErrorCode code,
                            String message, TurnOutcome outcome) {
        ProviderTotals perTurn = perTurnTotals(session, completion);
        AgentEvent.ErrorEvent terminal = turn.finish(recorder -> {
            TurnStats stats = recorder.finish(clock.now(), completion, perTurn, true);
            session.addTurn(stats);
            return new AgentEvent.ErrorEvent(code, message, stats);
        });
        TurnResult result = new TurnResult(session.sessionId(), outcome, turn.answerText(), terminal.turn(),
                Optional.of(new TurnResult.Failure(code, message)));
        observer.turnFinished(session.sessionId(), turn.turnId(), result);
        return result;
    }

    /** Cost and model usage of this turn: the provider's running totals minus its previous report. */
    private static ProviderTotals perTurnTotals(Session session, Optional<TurnCompletion> completion) {
        ProviderTotals latest = completion.map(TurnCompletion::totals).orElse(ProviderTotals.NONE);
        if (latest.equals(ProviderTotals.NONE)) {
            return ProviderTotals.NONE;
        }
        return latest.since(session.exchangeTotals(latest));
    }

    // ---- session control -----------------------------------------------------------------------

    @Override
    public void stopSession(SessionId sessionId, String reason) {
        requireNonNull(sessionId, "sessionId is null");
        String why = reason == null || reason.isBlank() ? "stopped on request" : reason;
        Optional<Session> live = registry.find(sessionId);
        if (live.isPresent()) {
            shutDown(live.get(), "session stopped: " + why, SessionState.STOPPED);
            registry.remove(live.get());
            persist(live.get());
            reportCounts();
            return;
        }
        SessionRecord record = storedRecord(sessionId);
        saveQuietly(new SessionRecord(record.sessionId(), record.owner(), record.provider(),
                record.providerSessionId(),
                record.workDir(), record.createdAt(), record.lastActiveAt(), SessionState.STOPPED, record.stats()));
    }

    @Override
    public void resetSession(SessionId sessionId) {
        requireNonNull(sessionId, "sessionId is null");
        Optional<Session> live = registry.find(sessionId);
        if (live.isPresent()) {
            Session session = live.get();
            shutDown(session, "session reset", SessionState.IDLE);
            providerOf(session).discardSessionFiles(specFor(session, false));
            session.reopen();
            persist(session);
            registry.releaseIfDormant(session);
            reportCounts();
            return;
        }
        SessionRecord stored = storedRecord(sessionId);
        providers.choose(Optional.of(stored.provider())).discardSessionFiles(storedSpec(stored));
    }

    @Override
    public void interrupt(SessionId sessionId) {
        requireNonNull(sessionId, "sessionId is null");
        Optional<Session> live = registry.find(sessionId);
        if (live.isEmpty()) {
            storedRecord(sessionId);
            return;
        }
        live.get().currentTurn().ifPresent(turn -> {
            observer.interrupted(sessionId);
            turn.requestInterrupt();
        });
    }

    @Override
    public void cleanupSessionFiles(SessionId sessionId) {
        requireNonNull(sessionId, "sessionId is null");
        Optional<Session> live = registry.find(sessionId);
        if (live.isPresent()) {
            Session session = live.get();
            if (session.isBusy()) {
                throw new HotplexException(StandardErrorCode.SESSION_BUSY,
                        "session '" + sessionId + "' is running a turn; interrupt or stop it first");
            }
            shutDown(session, "session files cleaned up", SessionState.IDLE);
            providerOf(session).discardSessionFiles(specFor(session, false));
            session.reopen();
            persist(session);
            registry.releaseIfDormant(session);
            reportCounts();
            return;
        }
        SessionRecord stored = storedRecord(sessionId);
        providers.choose(Optional.of(stored.provider())).discardSessionFiles(storedSpec(stored));
    }

    /** Ends the running turn (if any) and the process (if any); the session refuses turns meanwhile. */
    private void shutDown(Session session, String reason, SessionState finalState) {
        Optional<TurnExecution> running = session.currentTurn();
        running.ifPresent(turn -> turn.requestStop(reason));
        Optional<AgentConnection> connection = session.beginClosing();
        connection.ifPresent(this::closeQuietly);
        boolean hadProcess = connection.isPresent();
        running.ifPresent(turn -> turn.awaitFinished(config.stopGrace().plus(config.interruptGrace())));
        session.detach(finalState);
        if (hadProcess) {
            observer.processExited(session.sessionId(), false, reason);
        }
    }

    @Override
    public void respondToPermission(SessionId sessionId, String requestId, PermissionDecision decision) {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(decision, "decision is null");
        boolean answered = registry.find(sessionId)
                .flatMap(Session::currentTurn)
                .map(turn -> turn.resolvePermission(requestId, decision, "user"))
                .orElse(false);
        if (!answered) {
            throw new HotplexException(StandardErrorCode.PERMISSION_REQUEST_NOT_FOUND,
                    "no permission request '" + requestId + "' is pending in session '" + sessionId + "'");
        }
    }

    /** Takes the process away from sessions idle for longer than the idle timeout; returns how many. */
    public int reapIdleSessions() {
        Instant now = clock.now();
        int reaped = 0;
        for (Session session : registry.all()) {
            boolean idle = !session.isBusy() && session.hasLiveProcess()
                    && !Duration.between(session.lastActiveAt(), now).minus(config.idleTimeout()).isNegative();
            if (idle) {
                shutDown(session, "idle for " + config.idleTimeout().toSeconds() + " s", SessionState.IDLE);
                session.reopen();
                persist(session);
                registry.releaseIfDormant(session);
                reaped++;
            }
        }
        if (reaped > 0) {
            reportCounts();
        }
        return reaped;
    }

    private void reapIdleSafely() {
        try {
            reapIdleSessions();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "idle reaping failed", e);
        }
    }

    // ---- queries -------------------------------------------------------------------------------

    @Override
    public Optional<SessionStats> sessionStats(SessionId sessionId) {
        Optional<Session> live = registry.find(sessionId);
        if (live.isPresent()) {
            return Optional.of(live.get().stats());
        }
        return findRecord(sessionId).map(SessionRecord::stats);
    }

    @Override
    public Optional<SessionView> session(SessionId sessionId) {
        Optional<Session> live = registry.find(sessionId);
        if (live.isPresent()) {
            return Optional.of(live.get().view());
        }
        return findRecord(sessionId).map(this::dormantView);
    }

    @Override
    public List<SessionView> sessions() {
        Map<SessionId, SessionView> views = new LinkedHashMap<>();
        try {
            store.findAll().forEach(record -> views.put(record.sessionId(), dormantView(record)));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "session store could not list sessions", e);
        }
        registry.all().forEach(session -> views.put(session.sessionId(), session.view()));
        List<SessionView> sorted = new ArrayList<>(views.values());
        sorted.sort(Comparator.comparing(SessionView::sessionId));
        return sorted;
    }

    private SessionView dormantView(SessionRecord record) {
        SessionState state = record.state().hasLiveProcess() ? SessionState.IDLE : record.state();
        return new SessionView(record.sessionId(), record.owner(), state, java.util.OptionalLong.empty(),
                record.createdAt(), record.lastActiveAt(), record.providerSessionId(), record.workDir(),
                record.provider());
    }

    // ---- firewall and tools --------------------------------------------------------------------

    @Override
    public Verdict checkDanger(String prompt) {
        return policy.checkPrompt(prompt == null ? "" : prompt);
    }

    @Override
    public Verdict checkCommand(String command) {
        return policy.checkToolCall(new ToolCall("check", "Bash", Map.of("command", command == null ? "" : command)));
    }

    @Override
    public void setDangerAllowPaths(List<Path> paths) {
        policy.setAllowPaths(List.copyOf(requireNonNull(paths, "paths is null")));
    }

    @Override
    public void setDangerBypass(String adminToken, boolean enabled) {
        bypass.set(adminToken, enabled);
        LOG.log(System.Logger.Level.WARNING, "danger bypass {0} by an admin", enabled ? "ENABLED" : "disabled");
        observer.dangerBypassChanged(enabled);
    }

    @Override
    public List<String> allowedTools() {
        return allowedTools;
    }

    @Override
    public void setAllowedTools(List<String> tools) {
        allowedTools = List.copyOf(requireNonNull(tools, "tools is null"));
    }

    @Override
    public List<String> disallowedTools() {
        return disallowedTools;
    }

    @Override
    public void setDisallowedTools(List<String> tools) {
        disallowedTools = List.copyOf(requireNonNull(tools, "tools is null"));
    }

    @Override
    public String cliVersion() {
        return providers.defaultProvider().version();
    }

    /** Each provider's CLI version by name; one that cannot be run shows {@code unavailable: <why>}. */
    @Override
    public Map<String, String> cliVersions() {
        Map<String, String> versions = new LinkedHashMap<>();
        providers.byName().forEach((name, provider) -> {
            try {
                versions.put(name, provider.version());
            } catch (HotplexException e) {
                versions.put(name, "unavailable: " + e.getMessage());
            }
        });
        return versions;
    }

    private AgentProvider providerOf(Session session) {
        return providers.choose(Optional.of(session.providerName()));
    }

    @Override
    public void validate(SessionConfig sessionConfig) {
        requireNonNull(sessionConfig, "sessionConfig is null");
        workDirs.resolve(sessionConfig);
        sessionConfig.systemPrompt().ifPresent(text -> checkText("systemPrompt", text));
        sessionConfig.instructions().ifPresent(text -> checkText("instructions", text));
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    @Override
    public void close() {
        synchronized (inFlightMonitor) {
            if (closed) {
                return;
            }
            closed = true;
        }
        timer.shutdownNow();
        spares.ifPresent(SparePool::close);
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Session session : registry.all()) {
            stops.add(CompletableFuture.runAsync(() -> {
                shutDown(session, "engine closing", SessionState.STOPPED);
                registry.remove(session);
                persist(session);
            }, turnThreads));
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        awaitTurnsEnded();
        turnThreads.shutdown();
        reportCounts();
        closeStore();
    }

    private void closeStore() {
        try {
            store.close(); // after the last save above: every session's final state is in it
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "session store could not be closed", e);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Session newSession(SessionConfig sessionConfig, Optional<Path> requestedDir) {
        Instant now = clock.now();
        Optional<SessionRecord> stored = findRecord(sessionConfig.sessionId());
        if (stored.isEmpty()) {
            Optional<SparePool.Spare> spare = spares.filter(pool -> mayAdoptSpare(sessionConfig, requestedDir))
                    .flatMap(pool -> pool.take(sessionConfig.owner()));
            if (spare.isPresent()) {
                return adopt(sessionConfig, spare.get(), now);
            }
        }
        Path workDir = requestedDir
                .or(() -> stored.map(record -> workDirs.resolveRecorded(record.workDir())))
                .orElseGet(() -> workDirs.resolve(sessionConfig));
        SessionRecord record = stored
                .map(previous -> new SessionRecord(previous.sessionId(), previous.owner(), previous.provider(),
                        previous.providerSessionId(),
                        workDir, previous.createdAt(), now, SessionState.IDLE, previous.stats()))
                .orElseGet(() -> new SessionRecord(sessionConfig.sessionId(), sessionConfig.owner(),
                        providers.choose(sessionConfig.provider()).name(),
                        providerSessionIds.forSession(sessionConfig.sessionId()), workDir, now, now,
                        SessionState.IDLE, SessionStats.empty(sessionConfig.sessionId())));
        return new Session(record, sessionConfig.systemPrompt(), record.provider());
    }

    /** A spare is started in a work dir of its own, without a system prompt, on the default provider. */
    private boolean mayAdoptSpare(SessionConfig sessionConfig, Optional<Path> requestedDir) {
        String defaultProvider = providers.defaultProvider().name();
        return requestedDir.isEmpty() && sessionConfig.systemPrompt().isEmpty()
                && sessionConfig.provider().map(defaultProvider::equals).orElse(true);
    }

    /** The new session takes over the spare's process, work dir and conversation id. */
    private Session adopt(SessionConfig sessionConfig, SparePool.Spare spare, Instant now) {
        SessionSpec spec = spare.spec();
        SessionRecord record = new SessionRecord(sessionConfig.sessionId(), sessionConfig.owner(),
                providers.defaultProvider().name(), spec.providerSessionId(), spec.workDir(), now, now,
                SessionState.READY, SessionStats.empty(sessionConfig.sessionId()));
        Session session = new Session(record, Optional.empty(), record.provider());
        session.adoptSpare(spare.connection(), new SessionSpec(sessionConfig.sessionId(), sessionConfig.owner(),
                spec.providerSessionId(), spec.workDir(), false, Optional.empty(), spec.allowedTools(),
                spec.disallowedTools()));
        observer.spareAdopted(sessionConfig.sessionId(), spare.connection().pid());
        return session;
    }

    private SessionSpec specFor(Session session, boolean resume) {
        return new SessionSpec(session.sessionId(), session.owner(), session.providerSessionId(), session.workDir(),
                resume, resume ? Optional.empty() : session.systemPrompt(), allowedTools, disallowedTools);
    }

    private SessionSpec storedSpec(SessionRecord record) {
        return new SessionSpec(record.sessionId(), record.owner(), record.providerSessionId(), record.workDir(),
                false, Optional.empty(), allowedTools, disallowedTools);
    }

    private TurnExecution.Context turnContext() {
        return new TurnExecution.Context(clock, observer, policy, config.toolApproval(), config.permissionTimeout(),
                timer);
    }

    private SessionRecord storedRecord(SessionId sessionId) {
        return findRecord(sessionId).orElseThrow(() -> new HotplexException(StandardErrorCode.SESSION_NOT_FOUND,
                "no session '" + sessionId + "'"));
    }

    private Optional<SessionRecord> findRecord(SessionId sessionId) {
        try {
            return store.find(sessionId);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "session store could not read session " + sessionId, e);
            return Optional.empty();
        }
    }

    private void persist(Session session) {
        saveQuietly(session.toRecord());
    }

    private void saveQuietly(SessionRecord record) {
        try {
            store.save(record);
        } catch (RuntimeException e) {
            // the turn's events already reached the caller; a store failure must not turn it into an error
            LOG.log(System.Logger.Level.ERROR, "session store could not save session " + record.sessionId(), e);
        }
    }

    private void closeQuietly(AgentConnection connection) {
        try {
            connection.close(config.stopGrace());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "closing an agent process failed", e);
        }
    }

    private void checkPrompt(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            throw new HotplexException(StandardErrorCode.INVALID_REQUEST, "the prompt is empty");
        }
        checkText("prompt", prompt);
    }

    private void checkText(String what, String text) {
        if (text.length() > config.maxPromptChars()) {
            throw new HotplexException(StandardErrorCode.INVALID_REQUEST,
                    what + " is " + text.length() + " characters long; the limit is " + config.maxPromptChars());
        }
        if (text.indexOf('\0') >= 0) {
            throw new HotplexException(StandardErrorCode.INVALID_REQUEST, what + " contains a NUL character");
        }
    }

    private void enterTurn() {
        synchronized (inFlightMonitor) {
            requireOpen();
            turnsInFlight++;
        }
    }

    private void leaveTurn() {
        synchronized (inFlightMonitor) {
            turnsInFlight--;
            inFlightMonitor.notifyAll();
        }
    }

    /**
     * After close began: a turn admitted just before may still register a session and start a process.
     * Stop such late sessions until no turn is left, within the stop and interrupt graces.
     */
    private void awaitTurnsEnded() {
        long deadline = System.nanoTime() + config.stopGrace().plus(config.interruptGrace()).toNanos();
        while (true) {
            for (Session session : registry.all()) {
                shutDown(session, "engine closing", SessionState.STOPPED);
                registry.remove(session);
                persist(session);
            }
            synchronized (inFlightMonitor) {
                long left = deadline - System.nanoTime();
                if (turnsInFlight == 0 || left <= 0) {
                    if (turnsInFlight > 0) {
                        LOG.log(System.Logger.Level.WARNING, "{0} turns still running after close", turnsInFlight);
                    }
                    return;
                }
                try {
                    inFlightMonitor.wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 50));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new HotplexException(StandardErrorCode.ENGINE_CLOSED, "the engine is shutting down");
        }
    }

    private void reportCounts() {
        observer.sessionCounts(registry.size(), registry.busyCount());
    }
}
