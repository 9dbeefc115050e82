package dev.hotplex.app;

import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.port.out.EngineObserver;
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.RecordingEngineObserver.SpareAdopted;
import dev.hotplex.testkit.RecordingEngineObserver.SpareRetired;
import dev.hotplex.testkit.RecordingEngineObserver.SpareStartFailed;
import dev.hotplex.testkit.RecordingEngineObserver.SpareStarted;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class CompositeObserverTest {
    /** A hook the composite does not override would silently reach nobody (as the spare hooks once did). */
    @Test
    void everyHookOfTheEngineObserverIsForwarded() {
        List<String> missing = Arrays.stream(EngineObserver.class.getMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .filter(method -> !overridden(method))
                .map(Method::getName)
                .toList();
        assertThat(missing).as("hooks CompositeObserver does not forward").isEmpty();
    }

    private static boolean overridden(Method hook) {
        try {
            CompositeObserver.class.getDeclaredMethod(hook.getName(), hook.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Test
    void theSpareHooksReachEveryObserverEvenPastOneThatThrows() {
        RecordingEngineObserver first = new RecordingEngineObserver();
        RecordingEngineObserver last = new RecordingEngineObserver();
        EngineObserver broken = new EngineObserver() {
            @Override
            public void spareStarted(String owner, OptionalLong pid, Duration startDuration) {
                throw new IllegalStateException("broken observer");
            }
        };
        CompositeObserver composite = new CompositeObserver(List.of(first, broken, last));

        composite.spareStarted("acme", OptionalLong.of(7), Duration.ofMillis(900));
        composite.spareAdopted(SessionId.of("s1"), OptionalLong.of(7));
        composite.spareRetired("acme", "unused");
        composite.spareStartFailed("acme", "no binary");

        for (RecordingEngineObserver observer : List.of(first, last)) {
            assertThat(observer.observations()).containsExactly(
                    new SpareStarted("acme", OptionalLong.of(7), Duration.ofMillis(900)),
                    new SpareAdopted(SessionId.of("s1"), OptionalLong.of(7)),
                    new SpareRetired("acme", "unused"),
                    new SpareStartFailed("acme", "no binary"));
        }
    }
}
