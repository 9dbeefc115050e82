package dev.hotplex.adapter.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One bearer API key, stored as the SHA-256 of the key so that the config file (and a leaked copy of it) never
 * holds a usable secret. API keys are high-entropy random tokens, so an unsalted fast hash is enough here.
 *
 * @param tenant    who the key authenticates: letters, digits, {@code _} and {@code -}, 1-64 characters (no
 *                  {@code :}, which separates the tenant from the client's session id)
 * @param sha256Hex lowercase hex SHA-256 of the UTF-8 key
 */
public record ApiKey(String tenant, String sha256Hex) {
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ApiKey {
        requireNonNull(tenant, "tenant is null");
        requireNonNull(sha256Hex, "sha256Hex is null");
        if (!TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("invalid tenant name '" + tenant + "': use 1-64 of [A-Za-z0-9_-]");
        }
        sha256Hex = sha256Hex.toLowerCase(java.util.Locale.ROOT);
        if (!SHA256_HEX.matcher(sha256Hex).matches()) {
            throw new IllegalArgumentException("the key hash of tenant '" + tenant + "' is not 64 hex digits");
        }
    }

    /** The config entry for a plain key: what {@code hotplex serve} can print for an operator to paste. */
    public static ApiKey ofPlainKey(String tenant, String plainKey) {
        return new ApiKey(tenant, sha256Hex(plainKey));
    }

    public static String sha256Hex(String plainKey) {
        requireNonNull(plainKey, "plainKey is null");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(plainKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Never prints the hash either: it is still a credential's fingerprint. */
    @Override
    public String toString() {
        return "ApiKey[tenant=" + tenant + "]";
    }
}
