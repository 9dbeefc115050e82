package dev.hotplex.testkit;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.AgentProvider;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.core.port.out.TurnInput;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * A scriptable in-memory agent CLI. It makes {@link FakeConnection}s, plays a {@link TurnScript}
 * per turn (chosen by prompt prefix), can be made slow, blocked or failing at spawn, and remembers
 * conversations the way a CLI keeps transcripts: a provider session id becomes resumable after its
 * first successful turn and stops being so when its files are discarded.
 *
 * <p>Like the real CLI, {@link #open} with {@code resume} fails with {@code PROCESS_START_FAILED}
 * when there is no conversation to resume: check {@link #canResume} first.
 */
public final class FakeProvider implements AgentProvider {
    public static final String NAME = "fake";
    public static final String DEFAULT_VERSION = "fake 1.0";
    public static final long FIRST_PID = 10_000;

    private final AtomicLong nextPid = new AtomicLong(FIRST_PID);
    private final OpenGate openGate = new OpenGate();
    private final AtomicInteger opensToFail = new AtomicInteger();
    private volatile String openFailure = "simulated spawn failure";
    private volatile String version = DEFAULT_VERSION;
    private volatile boolean unavailable;
    private volatile boolean ignoreInterrupts;
    private volatile boolean supportsSpares = true;

    private volatile TurnScript defaultScript = TurnScript.echo();
    private final Map<String, TurnScript> scriptsByPrefix = new ConcurrentHashMap<>();
    private final Queue<TurnScript> nextTurnScripts = new ConcurrentLinkedQueue<>();

    private final Set<String> resumable = ConcurrentHashMap.newKeySet();
    private final List<SessionSpec> openedSpecs = new CopyOnWriteArrayList<>();
    private final List<SessionSpec> discardedSpecs = new CopyOnWriteArrayList<>();
    private final List<FakeConnection> connections = new CopyOnWriteArrayList<>();
    private final Recorder<TurnInput> turnInputs = new Recorder<>();

    @Override
    public String name() {
        return NAME;
    }

    /** {@link #DEFAULT_VERSION} unless changed; {@code PROVIDER_UNAVAILABLE} while {@link #setUnavailable unavailable}. */
    @Override
    public String version() {
        if (unavailable) {
            throw new HotplexException(StandardErrorCode.PROVIDER_UNAVAILABLE, "fake agent CLI is not installed");
        }
        return version;
    }

    /**
     * Records the spec, waits at the gate ({@link #blockOpens()}, {@link #setOpenDelay}), then either
     * fails as scripted or returns a new live connection with the next fake pid.
     */
    @Override
    public AgentConnection open(SessionSpec spec) {
        requireNonNull(spec, "spec is null");
        openedSpecs.add(spec);
        try {
            openGate.pass();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HotplexException(StandardErrorCode.PROCESS_START_FAILED, "interrupted while starting the fake agent", e);
        }
        if (opensToFail.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new HotplexException(StandardErrorCode.PROCESS_START_FAILED, openFailure);
        }
        if (spec.resume() && !resumable.contains(spec.providerSessionId())) {
            throw new HotplexException(StandardErrorCode.PROCESS_START_FAILED,
                    "no conversation found to resume with session id " + spec.providerSessionId());
        }
        FakeConnection connection = new FakeConnection(this, spec, nextPid.getAndIncrement(), ignoreInterrupts);
        connections.add(connection);
        return connection;
    }

    /** True unless {@link #setSupportsSpares changed}: a fake process depends on nothing but its spec. */
    @Override
    public boolean supportsSpares() {
        return supportsSpares;
    }

    public void setSupportsSpares(boolean supported) {
        supportsSpares = supported;
    }

    @Override
    public boolean canResume(SessionSpec spec) {
        return resumable.contains(requireNonNull(spec, "spec is null").providerSessionId());
    }

    @Override
    public void discardSessionFiles(SessionSpec spec) {
        requireNonNull(spec, "spec is null");
        discardedSpecs.add(spec);
        resumable.remove(spec.providerSessionId());
    }

    // ---- scripting turns

    /** The script for prompts no prefix matches; {@link TurnScript#echo()} unless changed. */
    public void defaultScript(TurnScript script) {
        defaultScript = requireNonNull(script, "script is null");
    }

    /** Plays {@code script} for prompts starting with {@code promptPrefix}; the longest matching prefix wins. */
    public void script(String promptPrefix, TurnScript script) {
        requireNonNull(promptPrefix, "promptPrefix is null");
        scriptsByPrefix.put(promptPrefix, requireNonNull(script, "script is null"));
    }

    /** Plays {@code script} for the next turn started on any connection, whatever its prompt; queued in order. */
    public void nextTurn(TurnScript script) {
        nextTurnScripts.add(requireNonNull(script, "script is null"));
    }

    // ---- scripting spawns

    /** Makes every {@link #open} wait until {@link #releaseOpens()}: lines up concurrent spawns. */
    public void blockOpens() {
        openGate.shut();
    }

    public void releaseOpens() {
        openGate.open();
    }

    /** Waits until at least {@code count} opens wait at {@link #blockOpens()}; {@link IllegalStateException} on timeout. */
    public void awaitBlockedOpens(int count, Duration timeout) {
        openGate.awaitWaiting(count, timeout);
    }

    /** Every {@link #open} takes this long: a cold start. */
    public void setOpenDelay(Duration delay) {
        openGate.delay(delay);
    }

    /** The next {@code count} opens fail with {@code PROCESS_START_FAILED} (replacing any earlier count). */
    public void failNextOpens(int count) {
        failNextOpens(count, "simulated spawn failure");
    }

    public void failNextOpens(int count, String reason) {
        if (count < 0) {
            throw new IllegalArgumentException("count is negative: " + count);
        }
        openFailure = requireNonNull(reason, "reason is null");
        opensToFail.set(count);
    }

    /** New connections ignore {@link AgentConnection#interrupt()} (see {@link FakeConnection#ignoreInterrupts}). */
    public void ignoreInterruptsOnNewConnections(boolean ignore) {
        ignoreInterrupts = ignore;
    }

    public void setVersion(String newVersion) {
        version = requireNonNull(newVersion, "newVersion is null");
    }

    /** While set, {@link #version()} throws {@code PROVIDER_UNAVAILABLE}. */
    public void setUnavailable(boolean isUnavailable) {
        unavailable = isUnavailable;
    }

    /** As if a conversation under this id had been saved earlier, e.g. by an engine before a restart. */
    public void addResumable(String providerSessionId) {
        resumable.add(requireNonNull(providerSessionId, "providerSessionId is null"));
    }

    // ---- what happened

    public Set<String> resumableIds() {
        return Set.copyOf(resumable);
    }

    /** Every spec {@link #open} was called with, failed opens included. */
    public List<SessionSpec> openedSpecs() {
        return List.copyOf(openedSpecs);
    }

    public int openCount() {
        return openedSpecs.size();
    }

    public List<SessionSpec> discardedSpecs() {
        return List.copyOf(discardedSpecs);
    }

    /** Every connection made, in order, dead ones included. */
    public List<FakeConnection> connections() {
        return List.copyOf(connections);
    }

    public List<FakeConnection> connectionsFor(SessionId sessionId) {
        requireNonNull(sessionId, "sessionId is null");
        return connections.stream().filter(connection -> connection.spec().sessionId().equals(sessionId)).toList();
    }

    /** The newest connection; {@link IllegalStateException} if none was made. */
    public FakeConnection lastConnection() {
        List<FakeConnection> all = connections();
        if (all.isEmpty()) {
            throw new IllegalStateException("no connection was opened");
        }
        return all.getLast();
    }

    /** Connections still alive: zero after the engine closed, or processes leaked. */
    public int liveConnections() {
        return (int) connections.stream().filter(FakeConnection::isAlive).count();
    }

    /** Every turn started on any connection, in order. */
    public List<TurnInput> turnInputs() {
        return turnInputs.snapshot();
    }

    /**
     * Waits until {@code count} turns have been started on this provider's connections and returns the
     * last of those: lets a test act on a turn (interrupt it, stop its session) once the agent has it.
     */
    public TurnInput awaitTurnsStarted(int count, Duration timeout) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        return turnInputs.awaitCount(count, timeout, count + " started turns").get(count - 1);
    }

    /** Records a started turn and picks its script. */
    TurnScript turnStarted(TurnInput input) {
        turnInputs.add(input);
        TurnScript next = nextTurnScripts.poll();
        if (next != null) {
            return next;
        }
        return scriptsByPrefix.entrySet().stream()
                .filter(entry -> input.prompt().startsWith(entry.getKey()))
                .max(Comparator.comparingInt(entry -> entry.getKey().length()))
                .map(Map.Entry::getValue)
                .orElse(defaultScript);
    }

    /** A successful turn saved the conversation: it can be resumed from now on. */
    void conversationSaved(String providerSessionId) {
        resumable.add(providerSessionId);
    }

    @Override
    public String toString() {
        return "FakeProvider[connections=" + connections.size() + ", live=" + liveConnections() + "]";
    }
}
