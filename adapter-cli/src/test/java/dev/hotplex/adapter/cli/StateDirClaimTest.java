package dev.hotplex.adapter.cli;

import dev.hotplex.core.error.ErrorCode;
import dev.hotplex.core.error.ErrorType;
import dev.hotplex.core.error.HotplexException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run} and {@code chat} claim the state dir's store before any turn; a held one stops them once, clearly. */
class StateDirClaimTest {
    /** The store module's code, as the store throws it (this module cannot see the store). */
    private static final ErrorCode STORE_LOCKED = new ErrorCode() {
        @Override
        public String name() {
            return "STORE_LOCKED";
        }

        @Override
        public int code() {
            return 0x0007_0001;
        }

        @Override
        public ErrorType type() {
            return ErrorType.USER_ERROR;
        }
    };

    @TempDir
    Path temp;

    private final AtomicInteger claims = new AtomicInteger();

    private SessionStoreClaim heldBy(long pid) {
        return () -> {
            claims.incrementAndGet();
            throw new StateDirInUseException(temp.resolve("state"), OptionalLong.of(pid),
                    new HotplexException(STORE_LOCKED, "the session store is in use by another hotplex engine"));
        };
    }

    @Test
    void runRefusesBeforeAnyTurnNamingTheHolderAndTheWayOut() {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.store = heldBy(4242);

            assertThat(cli.run("run", "--session", "s1", "hello")).isEqualTo(ExitCodes.STATE_DIR_IN_USE);

            assertThat(cli.err().lines().toList()).singleElement().asString()
                    .contains("state dir " + temp.resolve("state"), "hotplex process 4242", "--set state.dir=",
                            "hotplex sessions");
            assertThat(cli.out()).isEmpty();
            assertThat(claims).hasValue(1);
            assertThat(cli.provider.openCount()).as("no agent process was started").isZero();
        }
    }

    @Test
    void runJsonRefusesTheSameWay() {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.store = heldBy(7);

            assertThat(cli.run("run", "--json", "hello")).isEqualTo(ExitCodes.STATE_DIR_IN_USE);
            assertThat(cli.out()).as("no event line for a turn that never ran").isEmpty();
        }
    }

    @Test
    void chatRefusesBeforeItsTerminalOpens() {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.store = heldBy(99);
            cli.terminals.type("hello", "/quit");

            assertThat(cli.run("chat")).isEqualTo(ExitCodes.STATE_DIR_IN_USE);
            assertThat(cli.err()).contains("hotplex process 99", "--set state.dir=");
            assertThat(cli.terminals.openedHistory).as("no prompt is shown").isNull();
            assertThat(cli.provider.openCount()).isZero();
        }
    }

    @Test
    void badInputIsRefusedBeforeTheStoreIsClaimed() {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.store = heldBy(1);

            assertThat(cli.stdin("   \n").run("run", "-")).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err()).contains("the prompt is empty (nothing came on stdin)");
            assertThat(claims).hasValue(0);
        }
    }

    @Test
    void checkVersionAndDoctorNeverClaimTheStore() {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.store = heldBy(1);

            cli.run("check", "hello");
            cli.run("version");
            cli.run("doctor");
            assertThat(claims).hasValue(0);
        }
    }

    @Test
    void anotherStoreFailureIsOneLineWithTheExitCodeOfItsType() {
        ErrorCode storeFailed = new ErrorCode() {
            @Override
            public String name() {
                return "STORE_FAILED";
            }

            @Override
            public int code() {
                return 0x0007_0003;
            }

            @Override
            public ErrorType type() {
                return ErrorType.EXTERNAL;
            }
        };
        try (CliHarness cli = new CliHarness(temp)) {
            cli.store = () -> {
                throw new HotplexException(storeFailed, "cannot create the session store:\nread-only file system");
            };

            assertThat(cli.run("run", "hello")).isEqualTo(ExitCodes.TURN_FAILED);
            assertThat(cli.err().lines().toList()).singleElement().asString()
                    .isEqualTo("✗ STORE_FAILED: cannot create the session store: read-only file system");
        }
    }
}
