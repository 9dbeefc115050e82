package dev.hotplex.architecture.violations;

/** Throws a bare RuntimeException instead of an exception with an error code. */
public final class GenericExceptionThrower {

    public void fail() {
        throw new RuntimeException("something went wrong");
    }
}
