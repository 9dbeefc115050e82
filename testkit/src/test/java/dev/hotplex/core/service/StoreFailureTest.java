package dev.hotplex.core.service;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.port.out.SessionRecord;
import dev.hotplex.core.port.out.SessionStore;
import dev.hotplex.testkit.FakeProvider;
import dev.hotplex.testkit.ManualClock;
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.SequentialIdGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A session store that fails never costs a turn its events or its result, and the engine closes its store. */
class StoreFailureTest {
    @TempDir
    Path temp;

    @Test
    void aStoreThatFailsEverySaveNeitherFailsTheTurnNorLosesItsEvents() {
        FailingStore store = new FailingStore();
        store.failSaves = true;
        try (Engines engines = new Engines(temp, store)) {
            RecordingEventSink sink = new RecordingEventSink();
            TurnResult result = engines.run("s1", "hello", sink);

            assertThat(result.succeeded()).isTrue();
            assertThat(sink.wireNames()).contains("session_start", "answer").last().isEqualTo("session_stats");
            assertThat(store.failedSaves.get()).isGreaterThanOrEqualTo(2); // at the turn's start and at its end
            // the engine keeps its in-memory view of the live session
            assertThat(engines.engine.sessionStats(SessionId.of("s1")).orElseThrow().turns()).isEqualTo(1);
            assertThat(engines.engine.sessions()).extracting(view -> view.sessionId().value())
                    .containsExactly("s1");
            assertThat(engines.run("s1", "again").succeeded()).isTrue();
            assertThat(engines.engine.sessionStats(SessionId.of("s1")).orElseThrow().turns()).isEqualTo(2);
        }
    }

    @Test
    void afterTheStoreRecoversTheNextSaveHoldsTheWholeTotals() {
        FailingStore store = new FailingStore();
        try (Engines engines = new Engines(temp, store)) {
            store.failSaves = true;
            engines.run("s1", "one");
            store.failSaves = false;
            engines.run("s1", "two");

            assertThat(store.delegate.find(SessionId.of("s1")).orElseThrow().stats().turns()).isEqualTo(2);
        }
    }

    @Test
    void aStoreThatCannotBeReadStillLetsTurnsRun() {
        FailingStore store = new FailingStore();
        store.failReads = true;
        try (Engines engines = new Engines(temp, store)) {
            assertThat(engines.run("s1", "hello").succeeded()).isTrue();
            assertThat(engines.engine.sessions()).extracting(view -> view.sessionId().value())
                    .containsExactly("s1");
        }
    }

    @Test
    void closingTheEngineClosesTheStoreAfterItsLastSave() {
        FailingStore store = new FailingStore();
        Engines engines = new Engines(temp, store);
        engines.run("s1", "hello");
        engines.close();

        assertThat(store.closes.get()).isEqualTo(1);
        assertThat(store.savesAfterClose.get()).isZero();
        assertThat(store.delegate.find(SessionId.of("s1")).orElseThrow().state().hasLiveProcess()).isFalse();
    }

    /** An in-memory store whose reads or saves fail on demand, as a full disk or a broken database would. */
    private static final class FailingStore implements SessionStore {
        final InMemorySessionStore delegate = new InMemorySessionStore();
        final AtomicInteger failedSaves = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger savesAfterClose = new AtomicInteger();
        volatile boolean failSaves;
        volatile boolean failReads;

        @Override
        public void save(SessionRecord record) {
            if (closes.get() > 0) {
                savesAfterClose.incrementAndGet();
            }
            if (failSaves) {
                failedSaves.incrementAndGet();
                throw new HotplexException(StandardErrorCode.INTERNAL, "disk full");
            }
            delegate.save(record);
        }

        @Override
        public Optional<SessionRecord> find(SessionId sessionId) {
            failReadIfAsked();
            return delegate.find(sessionId);
        }

        @Override
        public List<SessionRecord> findAll() {
            failReadIfAsked();
            return delegate.findAll();
        }

        @Override
        public void delete(SessionId sessionId) {
            delegate.delete(sessionId);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }

        private void failReadIfAsked() {
            if (failReads) {
                throw new HotplexException(StandardErrorCode.INTERNAL, "database unreadable");
            }
        }
    }

    /** A DefaultEngine over the fakes and the given store. */
    private static final class Engines implements AutoCloseable {
        final DefaultEngine engine;

        Engines(Path temp, SessionStore store) {
            this.engine = new DefaultEngine(EngineConfig.defaults(temp.resolve("ws")), new FakeProvider(),
                    ContentPolicy.allowAll(), new RecordingEngineObserver(), store, new ManualClock(),
                    new SequentialIdGenerator("turn"));
        }

        TurnResult run(String sessionId, String prompt) {
            return run(sessionId, prompt, new RecordingEventSink());
        }

        TurnResult run(String sessionId, String prompt, RecordingEventSink sink) {
            return engine.execute(SessionConfig.of(sessionId), prompt, sink);
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}
