package dev.hotplex.architecture.violations;

/** Exits the JVM although it is not a *Main class. */
public final class ExitingWorker {

    public void giveUp() {
        System.exit(1);
    }
}
