package dev.hotplex.adapter.http;

import org.slf4j.MDC;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The MDC of one unit of work (a WebSocket message, a streamed WebSocket turn): {@code tenant}, {@code session} and
 * {@code request} for every log line written on this thread meanwhile, the engine's included. Closing restores what
 * the thread had before, so a pooled thread never carries one message's tenant into the next.
 */
final class LogContext implements AutoCloseable {
    /** Client-chosen ids go into log lines only when they cannot forge or break one. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Map<String, String> previous;

    private LogContext(Map<String, String> previous) {
        this.previous = previous;
    }

    /** Sets the three keys ({@code session} only when given and safe to log) until {@link #close()}. */
    static LogContext open(Tenant tenant, String session, String request) {
        LogContext context = new LogContext(MDC.getCopyOfContextMap());
        MDC.put("tenant", tenant.name());
        MDC.put("request", request);
        if (session != null && SAFE_ID.matcher(session).matches()) {
            MDC.put("session", session);
        } else {
            MDC.remove("session");
        }
        return context;
    }

    @Override
    public void close() {
        if (previous == null || previous.isEmpty()) {
            MDC.clear();
        } else {
            MDC.setContextMap(previous);
        }
    }
}
