package dev.hotplex.core.service;

import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.AgentProvider;
import dev.hotplex.core.port.out.Clock;
import dev.hotplex.core.port.out.EngineObserver;
import dev.hotplex.core.port.out.SessionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Spare processes started ahead of new sessions, so that a brand-new session's first turn skips the CLI's cold start.
 * <p>
 * One background thread keeps {@code spares} ready per warm tenant. It starts at most one spare per interval, and
 * only when a start slot is free, so real cold starts always go first. A tenant is warm when configured so, or for
 * the idle timeout after its last new session. Spares of a tenant gone cold, spares whose tool lists no longer match
 * the engine's, and dead ones are retired. Spares count as live processes: sessions plus spares stay within
 * {@code maxSessions}, so memory stays bounded by the same setting as sessions.
 */
final class SparePool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SparePool.class.getName());
    private static final int MAX_BACKOFF_ROUNDS = 60;

    /** The engine's tool lists at a moment: a spare started with other lists is of no use. */
    record Tools(List<String> allowed, List<String> disallowed) {
        Tools {
            allowed = List.copyOf(allowed);
            disallowed = List.copyOf(disallowed);
        }
    }

    /** A ready process waiting for a session of {@code spec.owner()}. */
    record Spare(SessionSpec spec, AgentConnection connection) {
        String owner() {
            return spec.owner();
        }

        boolean startedWith(Tools tools) {
            return spec.allowedTools().equals(tools.allowed()) && spec.disallowedTools().equals(tools.disallowed());
        }
    }

    private record Retiring(Spare spare, String reason) {
    }

    private final EngineConfig config;
    private final AgentProvider provider;
    private final WorkDirResolver workDirs;
    private final EngineObserver observer;
    private final Clock clock;
    private final Semaphore startSlots;
    private final IntSupplier liveSessions;
    private final Supplier<Tools> tools;
    private final Thread starter;

    private final Map<String, Deque<Spare>> ready = new HashMap<>();
    private final Map<String, Instant> lastDemand = new HashMap<>();
    private final List<Retiring> retiring = new ArrayList<>();
    private int failuresInARow;
    private int roundsToSkip;
    private boolean closed;

    /**
     * @param startSlots   the engine's cold-start slots: a spare only takes a free one, never waits for it
     * @param liveSessions the engine's live sessions now (never called while this pool's monitor is held)
     * @param tools        the engine's tool lists now
     */
    SparePool(EngineConfig config, AgentProvider provider, WorkDirResolver workDirs, EngineObserver observer,
              Clock clock, Semaphore startSlots, IntSupplier liveSessions, Supplier<Tools> tools) {
        this.config = requireNonNull(config, "config is null");
        this.provider = requireNonNull(provider, "provider is null");
        this.workDirs = requireNonNull(workDirs, "workDirs is null");
        this.observer = requireNonNull(observer, "observer is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.startSlots = requireNonNull(startSlots, "startSlots is null");
        this.liveSessions = requireNonNull(liveSessions, "liveSessions is null");
        this.tools = requireNonNull(tools, "tools is null");
        this.starter = new Thread(this::keepSparesReady, "hotplex-spare-starter");
        this.starter.setDaemon(true);
    }

    /** Starts the background thread; spares of the configured tenants follow, one per interval. */
    void start() {
        starter.start();
    }

    /**
     * A ready spare of {@code owner} started with the engine's current tool lists, if there is one. Also marks the
     * tenant warm, so the pool refills. Quick: never starts or stops a process.
     */
    synchronized Optional<Spare> take(String owner) {
        if (closed) {
            return Optional.empty();
        }
        Tools current = tools.get();
        lastDemand.put(owner, clock.now());
        Deque<Spare> spares = ready.getOrDefault(owner, new ArrayDeque<>());
        while (!spares.isEmpty()) {
            Spare spare = spares.pollFirst();
            if (!spare.connection().isAlive()) {
                retiring.add(new Retiring(spare, "died"));
            } else if (!spare.startedWith(current)) {
                retiring.add(new Retiring(spare, "tools-changed"));
            } else {
                return Optional.of(spare);
            }
        }
        return Optional.empty();
    }

    /** Spares ready now, over all tenants. */
    synchronized int readyCount() {
        return ready.values().stream().mapToInt(Deque::size).sum();
    }

    // ---- the starter thread --------------------------------------------------------------------

    private void keepSparesReady() {
        try {
            while (awaitNextRound()) {
                int live = liveSessions.getAsInt();
                Optional<String> owner = planRound(live, tools.get());
                drainRetiring().forEach(this::retire);
                owner.ifPresent(this::startOne);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the spare process starter stopped; new sessions start cold", e);
        }
    }

    /** Waits one interval; false once the pool is closed. */
    private synchronized boolean awaitNextRound() {
        long deadline = System.nanoTime() + config.prewarm().interval().toNanos();
        while (!closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return false;
    }

    /** Marks what must be retired, and picks the tenant that most lacks a spare, if one may be started now. */
    private synchronized Optional<String> planRound(int live, Tools current) {
        Set<String> warm = warmTenants();
        for (Map.Entry<String, Deque<Spare>> entry : ready.entrySet()) {
            boolean tenantWarm = warm.contains(entry.getKey());
            entry.getValue().removeIf(spare -> {
                String reason = !tenantWarm ? "unused" : !spare.connection().isAlive() ? "died"
                        : !spare.startedWith(current) ? "tools-changed" : null;
                if (reason != null) {
                    retiring.add(new Retiring(spare, reason));
                }
                return reason != null;
            });
        }
        ready.values().removeIf(Deque::isEmpty);
        trimToCapacity(live);
        if (roundsToSkip > 0) {
            roundsToSkip--;
            return Optional.empty();
        }
        if (live + readyCount() >= config.maxSessions()) {
            return Optional.empty();
        }
        return warm.stream()
                .filter(tenant -> sparesOf(tenant) < config.prewarm().spares())
                .min(Comparator.comparingInt(this::sparesOf));
    }

    /** When sessions fill the engine, spares give way: processes stay within maxSessions. */
    private void trimToCapacity(int live) {
        int excess = live + readyCount() - config.maxSessions();
        for (Deque<Spare> spares : ready.values()) {
            while (excess > 0 && !spares.isEmpty()) {
                retiring.add(new Retiring(spares.pollLast(), "capacity"));
                excess--;
            }
        }
        ready.values().removeIf(Deque::isEmpty);
    }

    private Set<String> warmTenants() {
        Instant coldBefore = clock.now().minus(config.idleTimeout());
        lastDemand.values().removeIf(last -> last.isBefore(coldBefore));
        Set<String> warm = new LinkedHashSet<>(config.prewarm().tenants());
        warm.addAll(lastDemand.keySet());
        return warm;
    }

    private int sparesOf(String tenant) {
        Deque<Spare> spares = ready.get(tenant);
        return spares == null ? 0 : spares.size();
    }

    private synchronized List<Retiring> drainRetiring() {
        List<Retiring> drained = List.copyOf(retiring);
        retiring.clear();
        return drained;
    }

    private void startOne(String owner) {
        if (!startSlots.tryAcquire()) {
            return; // a session is starting cold: it goes first
        }
        Path dir = null;
        try {
            String providerSessionId = UUID.randomUUID().toString();
            dir = workDirs.create(workDirs.tenantRoot(owner).resolve("spare-" + providerSessionId));
            Tools current = tools.get();
            SessionSpec spec = new SessionSpec(SessionId.of("spare-" + providerSessionId), owner, providerSessionId,
                    dir, false, Optional.empty(), current.allowed(), current.disallowed());
            Instant startedAt = clock.now();
            AgentConnection connection = provider.open(spec);
            Spare spare = new Spare(spec, connection);
            if (!offer(spare)) {
                retire(new Retiring(spare, "closing"));
                return;
            }
            observer.spareStarted(owner, connection.pid(), Duration.between(startedAt, clock.now()));
        } catch (RuntimeException e) {
            startFailed(owner, e, dir);
        } finally {
            startSlots.release();
        }
    }

    private synchronized boolean offer(Spare spare) {
        if (closed) {
            return false;
        }
        ready.computeIfAbsent(spare.owner(), tenant -> new ArrayDeque<>()).addLast(spare);
        failuresInARow = 0;
        return true;
    }

    /** Backs off exponentially (up to a minute of rounds) so a broken CLI is not respawned every interval. */
    private void startFailed(String owner, RuntimeException e, Path dir) {
        int failures;
        synchronized (this) {
            failures = ++failuresInARow;
            roundsToSkip = Math.min(MAX_BACKOFF_ROUNDS, 1 << Math.min(failures, 6));
        }
        System.Logger.Level level = failures == 1 ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
        LOG.log(level, "a spare process for tenant {0} could not be started ({1} in a row); retrying later: {2}",
                owner, failures, e.getMessage());
        observer.spareStartFailed(owner, String.valueOf(e.getMessage()));
        deleteIfEmpty(dir);
    }

    private void retire(Retiring retiring) {
        Spare spare = retiring.spare();
        try {
            spare.connection().close(config.stopGrace());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "closing a spare process failed", e);
        }
        try {
            provider.discardSessionFiles(spare.spec()); // whatever the provider recorded for it (a Codex thread)
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the files of an unused spare could not be discarded: {0}",
                    e.getMessage());
        }
        deleteIfEmpty(spare.spec().workDir());
        observer.spareRetired(spare.owner(), retiring.reason());
    }

    /** A spare's work dir is its own until a session adopts it: remove it when nothing was written there. */
    private static void deleteIfEmpty(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "spare work dir {0} kept: {1}", dir, e.toString());
        }
    }

    // ---- closing -------------------------------------------------------------------------------

    /** Stops the starter and ends every spare (a start in flight ends when it returns, or with the provider). */
    @Override
    public void close() {
        List<Retiring> leftovers = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
            ready.values().forEach(spares -> spares.forEach(spare -> leftovers.add(new Retiring(spare, "closing"))));
            ready.clear();
            leftovers.addAll(retiring);
            retiring.clear();
        }
        if (starter.isAlive()) {
            starter.interrupt();
        }
        List<Thread> closers = leftovers.stream()
                .map(spare -> Thread.ofVirtual().name("hotplex-spare-closer").start(() -> retire(spare)))
                .toList();
        for (Thread closer : closers) {
            try {
                closer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            starter.join(config.stopGrace().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
