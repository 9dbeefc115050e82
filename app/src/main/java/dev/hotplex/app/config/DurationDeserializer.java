package dev.hotplex.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

import java.io.IOException;
import java.time.Duration;

/** Durations in config: {@code 250ms}, {@code 5s}, {@code 10m}, {@code 1h}, {@code 2d} or ISO-8601. */
final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = parser.getValueAsString();
        if (text == null) {
            return (Duration) context.handleUnexpectedToken(Duration.class, parser);
        }
        return DurationText.parse(text).orElseThrow(() -> new ConfigException(
                "'" + text + "' is not a duration; write e.g. 250ms, 5s, 10m, 1h or PT30S"));
    }
}
