package dev.hotplex.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.EncoderBase;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * Applies a {@link LogConfig} to logback once the configuration is loaded (until then {@code logback.xml} logs
 * warnings as readable lines): everything on stderr, which stays free for logs while stdout carries the output.
 * hotplex's loggers get the configured level; libraries never go below {@code info}.
 */
public final class LogbackSetup {
    private static final String HOTPLEX = "dev.hotplex";

    private final LoggerContext context;

    public LogbackSetup() {
        this(LoggerFactory.getILoggerFactory());
    }

    LogbackSetup(ILoggerFactory factory) {
        requireNonNull(factory, "factory is null");
        // another SLF4J backend (a test's slf4j-nop) means someone else owns logging: leave it alone
        this.context = factory instanceof LoggerContext logback ? logback : null;
    }

    public void apply(LogConfig config) {
        requireNonNull(config, "config is null");
        if (context == null) {
            return;
        }
        context.reset();
        EncoderBase<ILoggingEvent> encoder = config.format() == LogFormat.JSON ? new JsonLineEncoder()
                : new HumanLineEncoder();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        Level level = Level.toLevel(config.level(), Level.WARN);
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(stderr);
        root.setLevel(level.isGreaterOrEqual(Level.INFO) ? level : Level.INFO);
        context.getLogger(HOTPLEX).setLevel(level);
    }
}
