package dev.hotplex.waf.internal.rules;

import com.google.re2j.Pattern;
import dev.hotplex.waf.internal.analysis.PathTrait;

import java.util.List;
import java.util.Set;

/**
 * The compiled {@code match} of a rule. A command matcher's conditions must all hold for one command;
 * a text matcher looks at the whole normalised input; a detector is a named built-in check that
 * regular expressions cannot express (a fork bomb's self-reference).
 *
 * @param from a matcher one of the command's upstream commands (pipeline stages before it,
 *             substitutions in its arguments, the producer of a file it runs) must satisfy
 */
public record RuleMatcher(List<String> commands, Set<String> anyFlags, Set<String> allFlags, Pattern args,
                          Pattern line, Pattern unless, Set<PathTrait> target, Set<PathTrait> dest,
                          Set<PathTrait> writes, Set<PathTrait> reads, boolean remoteHost, RuleMatcher from,
                          Pattern text, boolean intent, String detector, List<String> keywords) {

    public RuleMatcher {
        commands = List.copyOf(commands);
        anyFlags = Set.copyOf(anyFlags);
        allFlags = Set.copyOf(allFlags);
        target = Set.copyOf(target);
        dest = Set.copyOf(dest);
        writes = Set.copyOf(writes);
        reads = Set.copyOf(reads);
        keywords = List.copyOf(keywords);
    }

    /**
     * The cheap pre-check of a text matcher: whether {@code lowerCaseText} contains one of its keywords
     * (always true without keywords). Keywords are necessary conditions, so skipping is exact.
     */
    public boolean mayMatch(String lowerCaseText) {
        if (keywords.isEmpty()) {
            return true;
        }
        for (String keyword : keywords) {
            if (lowerCaseText.contains(keyword)) {
                return true;
            }
        }
        return false;
    }

    public boolean isText() {
        return text != null;
    }

    public boolean isDetector() {
        return detector != null;
    }

    public boolean isCommand() {
        return text == null && detector == null;
    }
}
