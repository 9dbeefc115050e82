package dev.hotplex.app.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.hotplex.adapter.http.ApiKey;
import dev.hotplex.adapter.http.DisconnectPolicy;
import dev.hotplex.adapter.http.HttpConfig;
import dev.hotplex.adapter.http.RateLimit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code http:} section. {@code api-keys} is a list of {@code KEY=TENANT} entries (comma-separated in
 * {@code HOTPLEX_HTTP_API_KEYS}); a key written {@code sha256:<hex>} is stored hashed, which is better than
 * plain text. {@code api-keys-file} reads the same entries, one per line, from a file.
 */
public record HttpSettings(
        String host,
        Integer port,
        @JsonDeserialize(using = CommaListDeserializer.class) List<String> apiKeys,
        String apiKeysFile,
        Boolean allowInsecureBind,
        Long maxBodyBytes,
        Integer maxPromptChars,
        Integer rateLimitPerSecond,
        Duration heartbeatInterval,
        String disconnectPolicy,
        Integer streamBufferEvents,
        Duration shutdownDeadline,
        Boolean forwardRawEvents,
        Integer maxStreamsPerTenant,
        Duration idleTimeout) {

    static final HttpSettings EMPTY = new HttpSettings(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);
    private static final String HASHED = "sha256:";

    public HttpConfig toHttpConfig(Path workspaceRoot) {
        HttpConfig defaults = HttpConfig.defaults();
        HttpConfig config = defaults.withWorkspaceRoot(workspaceRoot).withApiKeys(keys());
        if (host != null) {
            config = config.withHost(host.strip());
        }
        if (port != null) {
            config = config.withPort(port);
        }
        if (allowInsecureBind != null) {
            config = config.withAllowInsecureBind(allowInsecureBind);
        }
        config = config.withLimits(maxBodyBytes == null ? defaults.maxBodyBytes() : maxBodyBytes,
                maxPromptChars == null ? defaults.maxPromptChars() : maxPromptChars);
        if (rateLimitPerSecond != null) {
            config = config.withRateLimit(rateLimitPerSecond == 0 ? RateLimit.unlimited() : RateLimit.perSecond(rateLimitPerSecond));
        }
        if (shutdownDeadline != null) {
            config = config.withShutdownDeadline(shutdownDeadline);
        }
        // one constructor call, so idle-timeout and heartbeat-interval are checked together whatever order they change
        return new HttpConfig(config.host(), config.port(), config.apiKeys(), config.allowInsecureBind(),
                config.maxBodyBytes(), config.maxPromptChars(), config.rateLimit(),
                heartbeatInterval == null ? defaults.heartbeatInterval() : heartbeatInterval,
                disconnectPolicy == null ? defaults.disconnectPolicy() : policy(disconnectPolicy),
                config.shutdownDeadline(), streamBufferEvents == null ? defaults.streamBufferEvents() : streamBufferEvents,
                config.workspaceRoot(), forwardRawEvents != null && forwardRawEvents,
                maxStreamsPerTenant == null ? defaults.maxStreamsPerTenant() : maxStreamsPerTenant,
                idleTimeout == null ? defaults.idleTimeout() : idleTimeout);
    }

    private List<ApiKey> keys() {
        List<String> entries = new ArrayList<>(apiKeys == null ? List.of() : apiKeys);
        if (apiKeysFile != null && !apiKeysFile.isBlank()) {
            try {
                Files.readAllLines(Path.of(apiKeysFile.strip())).stream().map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(entries::add);
            } catch (IOException e) {
                throw new ConfigException("cannot read http.api-keys-file " + apiKeysFile + ": " + e.getMessage(), e);
            }
        }
        List<ApiKey> keys = new ArrayList<>();
        for (String entry : entries) {
            int separator = entry.lastIndexOf('=');
            if (separator <= 0 || separator == entry.length() - 1) {
                // never echo the entry: it is a secret
                throw new ConfigException("http.api-keys entries must be KEY=TENANT (entry " + (keys.size() + 1) + " is not)");
            }
            String key = entry.substring(0, separator).strip();
            String tenant = entry.substring(separator + 1).strip();
            keys.add(key.startsWith(HASHED)
                    ? new ApiKey(tenant, key.substring(HASHED.length()).toLowerCase(Locale.ROOT))
                    : ApiKey.ofPlainKey(tenant, key));
        }
        return keys;
    }

    private static DisconnectPolicy policy(String text) {
        try {
            return DisconnectPolicy.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("http.disconnect-policy must be interrupt or finish; got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return "HttpSettings[host=" + host + ", port=" + port + ", api-keys=" + (apiKeys == null ? 0 : apiKeys.size())
                + " configured]";
    }
}
