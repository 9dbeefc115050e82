package dev.hotplex.app.config;

import dev.hotplex.app.logging.LogConfig;
import dev.hotplex.app.logging.LogFormat;

/**
 * The {@code log:} section: {@code format} ({@code human}, the default, or {@code json}: one object per line) and
 * {@code level} of hotplex's own lines ({@code warn} by default). {@code --log-format}/{@code --log-level} and
 * {@code HOTPLEX_LOG_FORMAT}/{@code HOTPLEX_LOG_LEVEL} set the same keys.
 */
public record LogSettings(String format, String level) {
    static final LogSettings EMPTY = new LogSettings(null, null);

    public LogConfig toLogConfig() {
        LogConfig defaults = LogConfig.defaults();
        return new LogConfig(format == null ? defaults.format() : LogFormat.parse(format),
                level == null ? defaults.level() : level);
    }
}
