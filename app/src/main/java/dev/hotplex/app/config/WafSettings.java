package dev.hotplex.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code waf:} section. {@code admin-token} (or {@code admin-token-file}, a file holding it) enables the
 * time-boxed danger bypass; without one the bypass cannot be switched on.
 */
public record WafSettings(String adminToken, String adminTokenFile) {
    static final WafSettings EMPTY = new WafSettings(null, null);

    public Optional<String> resolvedAdminToken() {
        if (adminToken != null && !adminToken.isBlank()) {
            if (adminTokenFile != null && !adminTokenFile.isBlank()) {
                throw new ConfigException("waf.admin-token and waf.admin-token-file are both set; keep one");
            }
            return Optional.of(adminToken.strip());
        }
        if (adminTokenFile == null || adminTokenFile.isBlank()) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(Path.of(adminTokenFile.strip())).strip();
            if (token.isEmpty()) {
                throw new ConfigException("waf.admin-token-file " + adminTokenFile + " is empty");
            }
            return Optional.of(token);
        } catch (IOException e) {
            throw new ConfigException("cannot read waf.admin-token-file " + adminTokenFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "WafSettings[admin-token=" + (adminToken == null ? "none" : "****") + ", admin-token-file="
                + adminTokenFile + "]";
    }
}
