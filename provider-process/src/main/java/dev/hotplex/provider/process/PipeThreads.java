package dev.hotplex.provider.process;

/**
 * Builds the threads that read and write a child's pipes. They are platform threads on purpose: a read or write on
 * a process pipe is a blocking system call that pins a virtual thread to its carrier, and the virtual-thread
 * scheduler stops adding carriers at 256. With two readers per hot session, 128 sessions would pin every carrier and
 * freeze every virtual thread of the engine (turns, HTTP requests) while the pipes are idle. Found by the scale
 * benchmark at N = 500. A small stack keeps hundreds of them cheap; they only copy bytes.
 */
final class PipeThreads {
    private static final long STACK_BYTES = 256 * 1024;

    private PipeThreads() {
    }

    static Thread.Builder.OfPlatform named(String name) {
        return Thread.ofPlatform().daemon().stackSize(STACK_BYTES).name(name);
    }
}
