package dev.hotplex.waf.internal.shell;

import java.util.List;

/**
 * One command of a pipeline: its words, its redirections and whatever text is fed to its standard
 * input by here-documents or here-strings.
 */
public record SimpleCommand(List<Word> words, List<Redirect> redirects, List<Word> stdin) {
    public SimpleCommand {
        words = List.copyOf(words);
        redirects = List.copyOf(redirects);
        stdin = List.copyOf(stdin);
    }
}
