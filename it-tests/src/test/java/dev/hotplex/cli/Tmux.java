package dev.hotplex.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A pseudo-terminal a test can type into and read from, like a person: tmux on a private server socket (so the
 * test never touches anyone's tmux), one detached session whose pane stays readable after its program ends.
 */
final class Tmux implements AutoCloseable {
    private final String socket = "hotplex-test-" + UUID.randomUUID();
    private final String target = "chat";
    private final Path exitFile;

    /**
     * Starts {@code command} with exactly {@code environment} in a {@code width}×{@code height} terminal, through a
     * wrapper script {@code scriptName} written to {@code scratch}.
     */
    Tmux(List<String> command, Map<String, String> environment, Path scratch, int width, int height, String scriptName)
            throws IOException, InterruptedException {
        this.exitFile = scratch.resolve(scriptName + ".exit");
        StringBuilder script = new StringBuilder("#!/bin/sh\n");
        environment.forEach((name, value) -> script.append("export ").append(name).append('=').append(quote(value))
                .append('\n'));
        // a trap with a command (unlike an ignored signal) is not inherited: Ctrl-C reaches the program, not the shell
        script.append("trap 'true' INT\n");
        command.forEach(word -> script.append(quote(word)).append(' '));
        script.append("\necho $? > ").append(quote(exitFile.toString())).append('\n');
        Path file = Files.writeString(scratch.resolve(scriptName), script.toString());
        tmux("-f", "/dev/null", "new-session", "-d", "-s", target, "-x", String.valueOf(width), "-y",
                String.valueOf(height), "sh " + file);
        tmux("set-option", "-t", target, "remain-on-exit", "on");
    }

    static boolean available() {
        try {
            return new ProcessBuilder("tmux", "-V").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Types {@code text} and presses Enter. */
    void typeLine(String text) throws IOException, InterruptedException {
        tmux("send-keys", "-t", target, "-l", text);
        tmux("send-keys", "-t", target, "Enter");
    }

    /** Presses a key by tmux's name for it, e.g. {@code C-c}, {@code C-d}. */
    void press(String key) throws IOException, InterruptedException {
        tmux("send-keys", "-t", target, key);
    }

    /** The visible screen plus its scrollback, as text. */
    String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", target);
    }

    /** The screen with its ANSI styles as escape sequences. */
    String screenWithStyles() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-e", "-J", "-S", "-200", "-t", target);
    }

    /** Waits until the screen holds {@code text} {@code times} times; returns the screen. */
    String awaitScreen(String text, int times, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String screen = screen();
            if (count(screen, text) >= times) {
                return screen;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the screen did not show '" + text + "' " + times + " time(s) within "
                        + timeout + ":\n" + screen);
            }
            Thread.sleep(100);
        }
    }

    /** Whether the program in the pane has ended (tmux's own pane_dead_status is not reliably set). */
    boolean ended() throws IOException {
        return !exitStatus().isEmpty();
    }

    /** Waits up to {@code timeout} for the program in the pane to end; true if it has. */
    boolean awaitEnded(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return ended();
    }

    /** The ended program's exit status, as the wrapper script recorded it; empty while it runs. */
    String exitStatus() throws IOException {
        return Files.exists(exitFile) ? Files.readString(exitFile).strip() : "";
    }

    static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Ends the private tmux server and whatever still runs in it. */
    @Override
    public void close() {
        try {
            tmux("kill-server");
        } catch (IOException alreadyGone) {
            // the server ends by itself once its last session is gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
