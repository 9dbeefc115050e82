package dev.hotplex.adapter.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the adapter's log lines (System.Logger and SLF4J alike) with their MDC while open. */
final class LogCapture implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.hotplex.adapter.http");
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            // the MDC is read here, on the logging thread: later it would be some other thread's
            lines.add(new Line(event.getFormattedMessage(), Map.copyOf(event.getMDCPropertyMap())));
        }
    };

    LogCapture() {
        appender.start();
        logger.addAppender(appender);
    }

    record Line(String message, Map<String, String> mdc) {
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
