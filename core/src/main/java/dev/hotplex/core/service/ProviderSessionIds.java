package dev.hotplex.core.service;

import dev.hotplex.core.model.SessionId;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic provider session ids: UUIDv5 (RFC 9562, SHA-1, URL namespace) of
 * {@code namespace + ":session:" + sessionId}. Deterministic so that an engine restarted after a
 * crash finds the same conversation again and resumes it.
 */
public final class ProviderSessionIds {
    private static final UUID URL_NAMESPACE = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    private final String namespace;

    public ProviderSessionIds(String namespace) {
        this.namespace = namespace;
    }

    public String forSession(SessionId sessionId) {
        return uuidV5(URL_NAMESPACE, namespace + ":session:" + sessionId.value()).toString();
    }

    static UUID uuidV5(UUID namespaceId, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespaceId.getMostSignificantBits())
                .putLong(namespaceId.getLeastSignificantBits())
                .array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
