package dev.hotplex.adapter.http;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.DirectoryName;
import dev.hotplex.core.model.SessionConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Turns an {@code Authorization: Bearer <key>} header into a {@link Tenant}. The presented key is hashed and compared
 * with every configured hash in constant time, so neither timing nor logs reveal anything about the keys. Without any
 * key configured every caller is the {@code default} tenant (the server then refuses non-loopback binds).
 */
final class Authenticator {
    private static final int MAX_KEY_LENGTH = 1024;
    private static final String BEARER = "bearer ";

    private final List<ApiKey> keys;
    private final Optional<Path> workspaceRoot;

    /** {@code workspaceRoot}: the engine's, so that each tenant's work dirs are shown relative to its own directory. */
    Authenticator(List<ApiKey> keys, Optional<Path> workspaceRoot) {
        this.keys = List.copyOf(requireNonNull(keys, "keys is null"));
        this.workspaceRoot = requireNonNull(workspaceRoot, "workspaceRoot is null").map(Authenticator::real);
    }

    /** The engine resolves work dirs on real paths; compare with the same form. */
    private static Path real(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root.toAbsolutePath().normalize();
        }
    }

    private Tenant tenant(String name) {
        return new Tenant(name, workspaceRoot.map(root -> root.resolve(DirectoryName.of(name).value())));
    }

    boolean open() {
        return keys.isEmpty();
    }

    Tenant authenticate(String authorization) {
        if (keys.isEmpty()) {
            return tenant(SessionConfig.DEFAULT_OWNER);
        }
        if (authorization == null || authorization.length() > BEARER.length() + MAX_KEY_LENGTH
                || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw unauthorized();
        }
        byte[] presented = HexFormat.of().parseHex(ApiKey.sha256Hex(authorization.substring(BEARER.length()).strip()));
        Tenant found = null;
        for (ApiKey key : keys) {
            if (MessageDigest.isEqual(presented, HexFormat.of().parseHex(key.sha256Hex())) && found == null) {
                found = tenant(key.tenant());
            }
        }
        if (found == null) {
            throw unauthorized();
        }
        return found;
    }

    private static HotplexException unauthorized() {
        return new HotplexException(StandardErrorCode.UNAUTHORIZED,
                "missing or invalid API key: send 'Authorization: Bearer <key>'");
    }

}
