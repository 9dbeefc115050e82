package dev.hotplex.architecture.violations;

/** Shares a mutable logger. */
public final class PublicLoggerHolder {

    public static System.Logger log = System.getLogger(PublicLoggerHolder.class.getName());
}
