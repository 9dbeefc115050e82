package dev.hotplex.provider.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A directory of small files, one per live process group ({@link GroupRecord}), that outlives the engine.
 *
 * <p>Each file is written to a temp file and renamed into place, so a reader sees a whole record or none.
 * There is no fsync: the records only have to survive the engine's death (the page cache does), not the
 * machine's, and a reboot ends the processes anyway. The name holds the pgid and the owner
 * ({@code <pgid>-<ownerPid>-<ownerStartTime>.group}), so engines sharing the directory never overwrite each
 * other's records, and a temp file left by a crash names its owner. The directory and the files are
 * owner-only: they tell which processes to kill.
 */
final class GroupRecordStore {
    private static final System.Logger LOG = System.getLogger(GroupRecordStore.class.getName());
    static final String SUFFIX = ".group";
    static final String TEMP_SUFFIX = ".tmp";
    private static final Pattern NAME = Pattern.compile("(\\d+)-(\\d+)-(\\d+)\\.group(\\.tmp)?");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;

    private GroupRecordStore(Path dir) {
        this.dir = dir;
    }

    /** Opens {@code dir}, creating it (and its parents) owner-only when missing; {@link UncheckedIOException} if impossible. */
    static GroupRecordStore open(Path dir) {
        requireNonNull(dir, "dir is null");
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.getParent());
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
                } catch (FileAlreadyExistsException e) {
                    // another engine made it a moment ago
                }
            }
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR); // the umask may have narrowed it, or it was older
            return new GroupRecordStore(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the process group record directory " + dir, e);
        }
    }

    Path dir() {
        return dir;
    }

    /** Records a group, atomically: temp file, then rename. */
    void write(GroupRecord record) throws IOException {
        requireNonNull(record, "record is null");
        Path target = dir.resolve(fileName(record));
        Path temp = dir.resolve(target.getFileName() + TEMP_SUFFIX);
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        try {
            Files.writeString(temp, record.format(), StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Forgets a group (its file, if still there). */
    void delete(GroupRecord record) throws IOException {
        requireNonNull(record, "record is null");
        Files.deleteIfExists(dir.resolve(fileName(record)));
    }

    /** Every record file and every temp file in the directory, in no particular order. */
    List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        }
        return files;
    }

    /** Reads one record file; {@link IllegalArgumentException} when it is not a valid record, or names another group. */
    static GroupRecord read(Path file) throws IOException {
        GroupRecord record = GroupRecord.parse(Files.readString(file, StandardCharsets.UTF_8));
        if (!file.getFileName().toString().equals(fileName(record))) {
            throw new IllegalArgumentException("its content (group " + record.pgid() + ") does not match its name");
        }
        return record;
    }

    /** The owner a file's name gives (also for a temp file, whose content may be partial); empty for foreign names. */
    static Optional<ProcessIdentity> ownerByName(Path file) {
        Matcher matcher = NAME.matcher(file.getFileName().toString());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcessIdentity(Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3))));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // NumberFormatException included
        }
    }

    static boolean isTemp(Path file) {
        return file.getFileName().toString().endsWith(TEMP_SUFFIX);
    }

    /** Deletes a file, logging (not throwing) a failure: callers are on paths that must not fail the engine. */
    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot delete " + file, e);
        }
    }

    private static String fileName(GroupRecord record) {
        return record.pgid() + "-" + record.owner().pid() + "-" + record.owner().startTime() + SUFFIX;
    }
}
