package dev.hotplex.adapter.cli;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The real console, through JLine: line editing, a history file, and signal handling so that Ctrl-C during a turn
 * interrupts the turn rather than killing hotplex. The FFM and JNI terminal providers are off: on JDK 22+ they need
 * native access and print warnings at every start; the exec provider (stty) needs neither.
 */
final class JLineChatTerminals implements ChatTerminals {
    private final ConsoleInfo console;

    JLineChatTerminals(ConsoleInfo console) {
        this.console = requireNonNull(console, "console is null");
    }

    @Override
    public ChatTerminal open(Path historyFile) throws IOException {
        Path parent = historyFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!console.interactive()) {
            // piped input: no line editing to offer, and JLine would load native code to redirect the pipe
            return new PipedChatTerminal(console.stdin(), System.out);
        }
        Terminal terminal = TerminalBuilder.builder().name("hotplex").system(true).ffm(false).jni(false).exec(true)
                .dumb(true).nativeSignals(true).signalHandler(Terminal.SignalHandler.SIG_IGN).build();
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("hotplex")
                .variable(LineReader.HISTORY_FILE, historyFile)
                .build();
        return new JLineChatTerminal(terminal, reader);
    }

    private record JLineChatTerminal(Terminal terminal, LineReader reader) implements ChatTerminal {
        @Override
        public Optional<String> readLine(String prompt) {
            try {
                return Optional.of(reader.readLine(prompt));
            } catch (UserInterruptException | EndOfFileException e) {
                return Optional.empty();
            }
        }

        @Override
        public PrintWriter writer() {
            return terminal.writer();
        }

        @Override
        public boolean color() {
            String type = terminal.getType();
            String noColor = System.getenv("NO_COLOR");
            return type != null && !type.startsWith("dumb") && (noColor == null || noColor.isEmpty());
        }

        @Override
        public void setInterruptHandler(Runnable onInterrupt) {
            terminal.handle(Terminal.Signal.INT, signal -> onInterrupt.run());
        }

        @Override
        public void clearInterruptHandler() {
            // between turns Ctrl-C is for the prompt (readLine handles it); elsewhere it must not kill hotplex
            // before it has stopped its agent processes
            terminal.handle(Terminal.Signal.INT, Terminal.SignalHandler.SIG_IGN);
        }

        @Override
        public void close() {
            try {
                reader.getHistory().save();
                terminal.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the terminal", e);
            }
        }
    }
}
