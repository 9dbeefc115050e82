package dev.hotplex.architecture.allowed;

/** A *Main class may exit the JVM, also from a class nested in it. */
public final class ExampleMain {

    private ExampleMain() {
    }

    public static void main(String[] args) {
        Runnable exit = new Runnable() {
            @Override
            public void run() {
                System.exit(args.length);
            }
        };
        exit.run();
        System.exit(0);
    }
}
