package dev.hotplex.store.sql;

import dev.hotplex.core.error.HotplexException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * An exclusive OS lock on a file beside the database, held for the store's life. A second engine on the same
 * state directory is refused at start instead of interleaving writes with the first. The kernel drops the lock
 * when its holder dies, even by {@code kill -9}, so a crash never leaves a stale lock behind.
 */
final class StateDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StateDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static StateDirLock acquire(Path lockFile, long ownPid) {
        requireNonNull(lockFile, "lockFile is null");
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new HotplexException(StoreErrorCode.STORE_FAILED, "cannot open the session store's lock file "
                    + lockFile + ": " + e.getMessage(), e);
        }
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new HotplexException(StoreErrorCode.STORE_LOCKED, "the session store in " + lockFile.getParent()
                        + " is in use by another hotplex engine" + holder(lockFile)
                        + ": stop it, or give this engine its own state.dir");
            }
            // the holder's pid, only to name it in the refusal above; the lock itself is what counts
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ownPid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new StateDirLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new HotplexException(StoreErrorCode.STORE_FAILED, "cannot lock the session store's lock file "
                    + lockFile + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very JVM: as much a second engine as another process would be
        }
    }

    private static String holder(Path lockFile) {
        try {
            String pid = Files.readString(lockFile, StandardCharsets.US_ASCII).strip();
            return pid.chars().allMatch(Character::isDigit) && !pid.isEmpty() ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing: the first error is the one to report
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it as well
        }
        closeQuietly(channel);
    }
}
