package dev.hotplex.adapter.cli;

import java.io.IOException;
import java.nio.file.Path;

/** Opens the {@link ChatTerminal}; bound to JLine in production and to scripted lines in tests. */
public interface ChatTerminals {
    /** @param historyFile where typed lines are remembered across runs */
    ChatTerminal open(Path historyFile) throws IOException;
}
