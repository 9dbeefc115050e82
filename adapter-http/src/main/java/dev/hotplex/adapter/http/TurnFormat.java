package dev.hotplex.adapter.http;

import dev.hotplex.core.error.HotplexException;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How a turn is answered, from its {@code Accept} header: an SSE stream (no header, {@code text/event-stream},
 * {@code text/*} or {@code * / *}) or one JSON document ({@code application/json} or {@code application/*} without
 * event streams). Anything else (say {@code text/html}) is 406 before the turn starts, rather than a stream the
 * client said it cannot read. Ranges with {@code q=0} count as refused.
 */
enum TurnFormat {
    SSE, JSON;

    static TurnFormat negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return SSE;
        }
        Set<String> ranges = Stream.of(accept.split(","))
                .filter(range -> !refused(range))
                .map(range -> range.split(";")[0].strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        if (ranges.contains("text/event-stream")) {
            return SSE;
        }
        if (ranges.contains("application/json")) {
            return JSON;
        }
        if (ranges.contains("*/*") || ranges.contains("text/*")) {
            return SSE;
        }
        if (ranges.contains("application/*")) {
            return JSON;
        }
        throw new HotplexException(HttpErrorCode.NOT_ACCEPTABLE,
                "a turn is answered as text/event-stream or application/json; the Accept header allows neither");
    }

    private static boolean refused(String range) {
        return Stream.of(range.split(";")).skip(1).map(String::strip)
                .anyMatch(parameter -> parameter.matches("[qQ]\\s*=\\s*0(\\.0{0,3})?"));
    }
}
