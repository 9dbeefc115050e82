package dev.hotplex.adapter.cli;

import jakarta.inject.Inject;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link InterruptSignal} over the JDK's signal handling, {@code sun.misc.Signal} of {@code jdk.unsupported}: the only
 * way a Java program catches SIGINT without ending. It is reached by reflection because the build treats warnings as
 * errors and javac warns on every mention of {@code sun.misc}. The second Ctrl-C goes to the handler that was there
 * before, the JVM's own, which runs the shutdown hooks and exits with 130. Where the API is missing, Ctrl-C simply
 * keeps its usual meaning.
 */
final class JdkInterruptSignal implements InterruptSignal {
    private static final System.Logger LOG = System.getLogger(JdkInterruptSignal.class.getName());

    @Inject
    JdkInterruptSignal() {
        // stateless: each registration keeps its own previous handler
    }

    @Override
    public Registration onInterrupt(Runnable firstInterrupt) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object interrupt = signalType.getConstructor(String.class).newInstance("INT");
            Method handle = signalType.getMethod("handle", signalType, handlerType);
            Method handlerMethod = handlerType.getMethod("handle", signalType);
            AtomicBoolean seen = new AtomicBoolean();
            AtomicReference<Object> previous = new AtomicReference<>();
            Object ours = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("handle")) {
                            return objectMethod(proxy, method, args);
                        }
                        if (seen.compareAndSet(false, true)) {
                            firstInterrupt.run();
                        } else {
                            handle.invoke(null, interrupt, previous.get());
                            handlerMethod.invoke(previous.get(), args[0]);
                        }
                        return null;
                    });
            previous.set(handle.invoke(null, interrupt, ours));
            return () -> restore(handle, interrupt, previous.get());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.DEBUG, "Ctrl-C cannot be caught here; it ends hotplex at once: {0}", e.toString());
            return () -> { };
        }
    }

    private static void restore(Method handle, Object interrupt, Object previous) {
        try {
            handle.invoke(null, interrupt, previous);
        } catch (IllegalAccessException | InvocationTargetException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not restore the Ctrl-C handler: {0}", e.toString());
        }
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "hotplex Ctrl-C handler";
        };
    }
}
