package dev.hotplex.architecture.violations;

/** Writes to standard output outside the CLI adapter. */
public final class ConsolePrinter {

    public void report(String message) {
        System.out.println(message);
    }
}
