package dev.hotplex.app;

import dev.hotplex.adapter.cli.SessionStoreClaim;
import dev.hotplex.adapter.cli.StateDirInUseException;
import dev.hotplex.core.error.HotplexException;
import dev.hotplex.store.sql.StoreErrorCode;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * {@link SessionStoreClaim} over the {@link DeferredSessionStore}: opens it now, so that a state dir another hotplex
 * process holds is one {@link StateDirInUseException} up front rather than an error on every store call of a turn.
 */
final class StateDirStoreClaim implements SessionStoreClaim {
    /** How the store's refusal names the holder, e.g. {@code (pid 4242)}. */
    private static final Pattern HOLDER = Pattern.compile("\\(pid (\\d{1,18})\\)");

    private final DeferredSessionStore store;
    private final Path stateDir;

    StateDirStoreClaim(DeferredSessionStore store, Path stateDir) {
        this.store = requireNonNull(store, "store is null");
        this.stateDir = requireNonNull(stateDir, "stateDir is null");
    }

    @Override
    public void claim() {
        try {
            store.open();
        } catch (HotplexException e) {
            if (e.errorCode() == StoreErrorCode.STORE_LOCKED) {
                throw new StateDirInUseException(stateDir, holder(e.getMessage()), e);
            }
            throw e;
        }
    }

    static OptionalLong holder(String refusal) {
        Matcher matcher = HOLDER.matcher(refusal == null ? "" : refusal);
        return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }
}
