package dev.hotplex.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.hotplex.waf.WafConfig;

/**
 * The {@code waf:} section. {@code admin-token} (or {@code admin-token-file}, a file holding it) enables the
 * time-boxed danger bypass; without one the bypass cannot be switched on.
 */
public record WafSettings(
        String adminToken,
        String adminTokenFile,
        @JsonDeserialize(using = CommaListDeserializer.class) List<String> extraPacks,
        @JsonDeserialize(using = CommaListDeserializer.class) List<String> allowPaths,
        Integer maxInputChars,
        String auditLog) {
    static final WafSettings EMPTY = new WafSettings(null, null, null, null, null, null);

    /**
     * The firewall's settings. The workspace root is always an allowed path (deletes inside session work
     * dirs are the agent's business); the audit log defaults to {@code <state>/audit.jsonl}.
     */
    public WafConfig toWafConfig(Path workspaceRoot, Path stateDir, Path home) {
        List<Path> allowed = new ArrayList<>();
        allowed.add(workspaceRoot);
        if (allowPaths != null) {
            allowPaths.forEach(path -> allowed.add(HomePaths.resolve(path, home, home)));
        }
        WafConfig config = WafConfig.defaults().withHome(home).withAllowPaths(allowed)
                .withAuditLog(auditLog == null || auditLog.isBlank()
                        ? stateDir.resolve("audit.jsonl") : HomePaths.resolve(auditLog, home, home));
        if (extraPacks != null) {
            config = config.withExtraPacks(extraPacks.stream().map(path -> HomePaths.resolve(path, home, home)).toList());
        }
        if (maxInputChars != null) {
            config = config.withMaxInputChars(maxInputChars);
        }
        return config;
    }

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
