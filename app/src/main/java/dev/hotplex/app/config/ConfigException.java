package dev.hotplex.app.config;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;

/** A configuration problem, reported at start-up with the key and source that caused it. */
public final class ConfigException extends HotplexException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(StandardErrorCode.INVALID_CONFIG, message);
    }

    public ConfigException(String message, Throwable cause) {
        super(StandardErrorCode.INVALID_CONFIG, message, cause);
    }
}
