package dev.hotplex.adapter.http;

import dev.hotplex.core.error.HotplexException;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps web pages from driving the API through a visitor's browser. The API sends no CORS headers, so browsers
 * already refuse to let other origins read its answers; but a page can still <em>send</em> some requests (form posts,
 * WebSocket upgrades: browsers open those cross-origin and let the page read every message). So a request that
 * carries an {@code Origin} must come from the server's own origin. And on a server without API keys, where the only
 * protection is the loopback bind, the {@code Host} must name loopback (or the configured host): that defeats DNS
 * rebinding, where an attacker's domain is re-pointed at 127.0.0.1 to become "same-origin".
 */
final class BrowserGuard {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final boolean checkHost;
    private final String configuredHost;

    /** {@code checkHost}: the server has no keys and relies on its loopback bind. */
    BrowserGuard(boolean checkHost, String configuredHost) {
        this.checkHost = checkHost;
        this.configuredHost = configuredHost.toLowerCase(Locale.ROOT);
    }

    /** Refuses ({@code FORBIDDEN_ORIGIN}, 403) a cross-origin browser request or, without keys, a foreign Host. */
    void check(String origin, String host) {
        Optional<String> hostName = hostName(host);
        if (checkHost && !hostName.map(name -> LOOPBACK_NAMES.contains(name) || name.equals(configuredHost)
                || name.equals("[" + configuredHost + "]")).orElse(false)) {
            throw new HotplexException(HttpErrorCode.FORBIDDEN_ORIGIN, "this server has no API keys and answers "
                    + "only requests addressed to loopback (Host: 127.0.0.1 or localhost)");
        }
        if (origin != null && !sameOrigin(origin, host)) {
            throw new HotplexException(HttpErrorCode.FORBIDDEN_ORIGIN,
                    "cross-origin browser requests are refused (the API allows no CORS)");
        }
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = new URI(origin.strip());
            if (uri.getHost() == null || uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("http")
                    && !uri.getScheme().equalsIgnoreCase("https")) {
                return false;
            }
            String authority = uri.getRawAuthority().toLowerCase(Locale.ROOT);
            return authority.equals(host.strip().toLowerCase(Locale.ROOT));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The host part of a Host header ({@code name}, {@code name:port}, {@code [v6]:port}), lower-cased. */
    private static Optional<String> hostName(String host) {
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        String value = host.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? Optional.empty() : Optional.of(value.substring(0, end + 1));
        }
        int colon = value.lastIndexOf(':');
        return Optional.of(colon < 0 ? value : value.substring(0, colon));
    }
}
