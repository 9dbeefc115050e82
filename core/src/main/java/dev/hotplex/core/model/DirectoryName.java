package dev.hotplex.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A name (a tenant, a session id) turned into one safe directory name. Plain lower-case names are kept as they are,
 * so operators recognise them; anything else ({@code ..}, slashes, upper case that would collide on a
 * case-insensitive file system, {@code :}) becomes {@code h-} and 32 hex digits of its SHA-256, so two different
 * names never share a directory and no name can climb out of its parent.
 */
public record DirectoryName(String value) {
    private static final Pattern PLAIN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public DirectoryName {
        requireNonNull(value, "value is null");
    }

    public static DirectoryName of(String name) {
        requireNonNull(name, "name is null");
        if (PLAIN.matcher(name).matches()) {
            return new DirectoryName(name);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return new DirectoryName("h-" + HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
