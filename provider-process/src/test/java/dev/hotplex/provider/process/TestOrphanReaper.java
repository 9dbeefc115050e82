package dev.hotplex.provider.process;

import dev.hotplex.testkit.ProcessGroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reaping the process groups of a dead engine from its on-disk records, with real processes: groups started
 * through {@code setsid} stand for the CLIs a SIGKILLed engine left, and a process started and killed here
 * stands for the dead engine.
 */
class TestOrphanReaper {
    private static final Duration GRACE = Duration.ofMillis(300);
    /** A leader plus a member, both ignoring SIGTERM, so that only SIGKILL ends them. */
    private static final String STUBBORN_GROUP = "trap '' TERM; sleep 1000 & sleep 1000";

    @TempDir
    Path root;

    private final ProcessTable table = ProcessTable.system();
    private final ProcessGroupKiller killer = ProcessGroupKiller.system();
    private final List<Long> groups = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        groups.forEach(pgid -> killer.terminate(pgid, System.nanoTime(), System.nanoTime(), Duration.ofSeconds(5)));
    }

    @Test
    void endsTheGroupOfADeadEngineAndForgetsIt() throws Exception {
        GroupRecordStore store = store();
        long pgid = group(STUBBORN_GROUP, 2);
        store.write(new GroupRecord(table.identity(pgid).orElseThrow(), deadEngine(), "/bin/bash"));

        List<Long> reaped = reaper(store).reap();

        assertThat(reaped).containsExactly(pgid);
        assertThat(ProcessGroups.liveMembers(pgid)).isEmpty();
        assertThat(store.files()).isEmpty();
    }

    @Test
    void endsWhatIsLeftOfAGroupWhoseLeaderDied() throws Exception {
        GroupRecordStore store = store();
        Process leader = setsid("sleep 1000 & sleep 0.5", 2);
        long pgid = leader.pid();
        groups.add(pgid);
        ProcessIdentity identity = table.identity(pgid).orElseThrow();
        assertThat(leader.waitFor(5, TimeUnit.SECONDS)).isTrue();
        awaitMembers(pgid, 1);
        store.write(new GroupRecord(identity, deadEngine(), "/bin/bash"));

        assertThat(reaper(store).reap()).containsExactly(pgid);

        assertThat(ProcessGroups.liveMembers(pgid)).isEmpty();
        assertThat(store.files()).isEmpty();
    }

    @Test
    void leavesTheGroupsOfALivingEngineAlone() throws Exception {
        GroupRecordStore store = store();
        long pgid = group(STUBBORN_GROUP, 2);
        store.write(new GroupRecord(table.identity(pgid).orElseThrow(), table.self(), "/bin/bash"));

        List<Long> members = ProcessGroups.liveMembers(pgid);

        assertThat(reaper(store).reap()).isEmpty();

        assertThat(ProcessGroups.liveMembers(pgid)).containsExactlyInAnyOrderElementsOf(members).contains(pgid);
        assertThat(store.files()).hasSize(1);
    }

    @Test
    void neverKillsAProcessThatReusedTheLeadersPid() throws Exception {
        GroupRecordStore store = store();
        long unrelated = group("sleep 1000", 1);
        ProcessIdentity now = table.identity(unrelated).orElseThrow();
        ProcessIdentity recorded = new ProcessIdentity(unrelated, now.startTime() - 1); // an earlier process, same pid
        store.write(new GroupRecord(recorded, deadEngine(), "/bin/bash"));

        assertThat(reaper(store).reap()).isEmpty();

        assertThat(ProcessGroups.liveMembers(unrelated)).containsExactly(unrelated);
        assertThat(store.files()).isEmpty();
    }

    @Test
    void removesCorruptRecordsAndTempFilesOfDeadEnginesWithoutFailing() throws Exception {
        GroupRecordStore store = store();
        ProcessIdentity dead = deadEngine();
        ProcessIdentity self = table.self();
        Files.writeString(store.dir().resolve("123-" + dead.pid() + "-" + dead.startTime() + ".group"), "garbage\u0000");
        Files.writeString(store.dir().resolve("124-1-1.group"), "");
        Files.writeString(store.dir().resolve("not-a-record"), "version=1\n");
        Files.writeString(store.dir().resolve("125-" + dead.pid() + "-" + dead.startTime() + ".group.tmp"), "version=");
        Path unreadable = store.dir().resolve("126-1-1.group");
        Files.writeString(unreadable, "version=1\npgid=1\n");
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        GroupRecord mismatched = new GroupRecord(new ProcessIdentity(999_999, 1), dead, "/bin/claude");
        Files.writeString(store.dir().resolve("127-" + dead.pid() + "-" + dead.startTime() + ".group"),
                mismatched.format());
        Path beingWritten = store.dir().resolve("128-" + self.pid() + "-" + self.startTime() + ".group.tmp");
        Files.writeString(beingWritten, "version=1\n");

        assertThat(reaper(store).reap()).isEmpty();

        assertThat(store.files()).containsExactly(beingWritten);
    }

    @Test
    void aRecordRoundTripsAndKeepsOddBinaryPaths() {
        GroupRecord record = new GroupRecord(new ProcessIdentity(42, 7), new ProcessIdentity(1, 2),
                "/opt/my claude/bin/cla=ude\nx");

        assertThat(GroupRecord.parse(record.format())).isEqualTo(record);
    }

    @Test
    void theRegistryRecordsEachGroupOwnerOnlyUntilItIsGone() throws Exception {
        Path stateDir = root.resolve("state").resolve("groups");
        try (LiveProcessRegistry registry = new LiveProcessRegistry(GRACE, stateDir)) {
            ChildProcess child = new ProcessLauncher(registry).launch(new LaunchRequest(List.of("/bin/sleep", "1000"),
                    root, Map.of(), 4096, 1024));
            groups.add(child.pid());
            List<Path> files = GroupRecordStore.open(stateDir).files();
            assertThat(files).hasSize(1);
            GroupRecord record = GroupRecordStore.read(files.getFirst());
            assertThat(record).isEqualTo(new GroupRecord(table.identity(child.pid()).orElseThrow(), table.self(),
                    "/bin/sleep"));
            assertThat(Files.getPosixFilePermissions(stateDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(files.getFirst()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));

            child.terminate(GRACE, Optional.of("test"));

            assertThat(GroupRecordStore.open(stateDir).files()).isEmpty();
        }
    }

    private GroupRecordStore store() {
        return GroupRecordStore.open(root.resolve("groups"));
    }

    private OrphanReaper reaper(GroupRecordStore store) {
        return new OrphanReaper(store, killer, GRACE);
    }

    /** A process that ran and was killed: what a SIGKILLed engine looks like to the next one. */
    private ProcessIdentity deadEngine() throws Exception {
        Process engine = new ProcessBuilder("sleep", "1000").start();
        ProcessIdentity identity = table.identity(engine.pid()).orElseThrow();
        engine.destroyForcibly();
        assertThat(engine.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(table.isRunning(identity)).isFalse();
        return identity;
    }

    /** A new process group running {@code script}, once it has {@code members} live members; its pgid. */
    private long group(String script, int members) throws Exception {
        long pgid = setsid(script, members).pid();
        groups.add(pgid);
        return pgid;
    }

    private Process setsid(String script, int members) throws IOException {
        Process leader = new ProcessBuilder("setsid", "bash", "-c", script)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        awaitMembers(leader.pid(), members);
        return leader;
    }

    private static void awaitMembers(long pgid, int members) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ProcessGroups.liveMembers(pgid).size() < members) {
            assertThat(System.nanoTime() - deadline).as("group %d reaches %d members", pgid, members).isNegative();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
