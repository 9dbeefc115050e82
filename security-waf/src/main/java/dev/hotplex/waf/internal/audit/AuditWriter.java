package dev.hotplex.waf.internal.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes audit records as JSON lines, appended (never rewritten) to a file created owner-only, each
 * record in one write. Every string value is redacted first. Without a file, records go to the
 * system logger. Never throws: an audit failure is logged, not propagated into the engine.
 */
public final class AuditWriter implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.hotplex.waf.audit");

    private final ObjectMapper json = new ObjectMapper();
    private final Redactor redactor = new Redactor();
    private final FileChannel channel;
    private final Object lock = new Object();

    public AuditWriter(Optional<Path> file) {
        this.channel = file.map(AuditWriter::open).orElse(null);
    }

    private static FileChannel open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                }
            }
            return FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new dev.hotplex.core.error.HotplexException(dev.hotplex.core.error.StandardErrorCode.INVALID_CONFIG,
                    "cannot open the firewall audit log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one record; string values are redacted. */
    public void write(Map<String, Object> record) {
        Map<String, Object> redacted = new LinkedHashMap<>();
        record.forEach((key, value) -> redacted.put(key, value instanceof String text ? redactor.redact(text) : value));
        String line;
        try {
            line = json.writeValueAsString(redacted) + "\n";
        } catch (JsonProcessingException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot encode an audit record", e);
            return;
        }
        if (channel == null) {
            LOG.log(System.Logger.Level.INFO, line.strip());
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        synchronized (lock) {
            try {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot append to the firewall audit log; record: " + line.strip(), e);
            }
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot close the firewall audit log", e);
            }
        }
    }
}
