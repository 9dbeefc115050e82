package dev.hotplex.adapter.cli;

import dev.hotplex.adapter.cli.json.ApiJson;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Opens a {@link ServerApi} for {@code hotplex sessions}: the server named by {@code --server}, else the local one on
 * the configured HTTP port; the API key from {@code HOTPLEX_API_KEY} only, so it never shows in a process list.
 */
public final class ServerApiFactory {
    public static final String API_KEY_VARIABLE = "HOTPLEX_API_KEY";

    private final Diagnostics diagnostics;
    private final CliEnvironment environment;

    @Inject
    public ServerApiFactory(Diagnostics diagnostics, CliEnvironment environment) {
        this.diagnostics = requireNonNull(diagnostics, "diagnostics is null");
        this.environment = requireNonNull(environment, "environment is null");
    }

    ServerApi open(Optional<String> server) {
        URI uri = server.map(ServerApiFactory::parse)
                .orElseGet(() -> URI.create("http://127.0.0.1:" + diagnostics.httpPort()));
        return new ServerApi(uri, environment.get(API_KEY_VARIABLE).map(String::strip), new ApiJson());
    }

    private static URI parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new ServerApiException(ExitCodes.USAGE, "--server must be a URL like http://127.0.0.1:8088; got '"
                    + text + "'", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new ServerApiException(ExitCodes.USAGE, "--server must be an http:// or https:// URL with a host,"
                    + " like http://127.0.0.1:8088; got '" + text + "'");
        }
        return uri;
    }
}
