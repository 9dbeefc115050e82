package dev.hotplex.store.sql;

import dev.hotplex.core.error.ErrorCode;
import dev.hotplex.core.error.ErrorType;

/** Errors only the session store can produce (the block 0x0007_xxxx). Names are public API: never rename one. */
public enum StoreErrorCode implements ErrorCode {
    /** Another engine holds the state directory's store: two writers would corrupt each other's view. */
    STORE_LOCKED(0x0007_0001, ErrorType.USER_ERROR),
    /** The database was written by a newer hotplex, whose schema this one does not know. */
    STORE_SCHEMA_TOO_NEW(0x0007_0002, ErrorType.USER_ERROR),
    /** The database could not be opened, read or written. */
    STORE_FAILED(0x0007_0003, ErrorType.EXTERNAL);

    private final int code;
    private final ErrorType type;

    StoreErrorCode(int code, ErrorType type) {
        this.code = code;
        this.type = type;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public ErrorType type() {
        return type;
    }
}
