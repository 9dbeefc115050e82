package dev.hotplex.waf.internal.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * A forgiving, linear-time parser for the POSIX/bash shell language as far as a firewall needs it:
 * quoting ({@code '..'}, {@code ".."}, {@code $'..'}, backslashes), parameters, command, process and
 * arithmetic substitutions (kept as source text for the analyser to parse in turn), redirections,
 * here-documents and here-strings, comments, line continuations and the separators {@code ; & && || |
 * |& ( )} and newlines. It never fails: unbalanced quotes run to the end of the input, and what it
 * cannot understand becomes literal text. Compound commands are flattened: keywords such as {@code
 * if}, {@code then} or {@code do} are left for the analyser to skip.
 */
public final class ShellParser {

    /** Parses one script. */
    public Script parse(String source) {
        return new Run(source).script();
    }

    /** The mutable state of one parse. */
    private static final class Run {
        private final String s;
        private int pos;
        private final List<List<Builder>> pipelines = new ArrayList<>();
        private List<Builder> stages = new ArrayList<>();
        private Builder command = new Builder();
        private final List<PendingHeredoc> pendingHeredocs = new ArrayList<>();

        Run(String source) {
            this.s = source;
        }

        Script script() {
            while (pos < s.length()) {
                step();
            }
            readHeredocBodies();
            endPipeline();
            List<Pipeline> result = new ArrayList<>(pipelines.size());
            for (List<Builder> pipeline : pipelines) {
                List<SimpleCommand> built = new ArrayList<>(pipeline.size());
                for (Builder builder : pipeline) {
                    built.add(builder.build());
                }
                result.add(new Pipeline(built));
            }
            return new Script(result);
        }

        private void step() {
            char c = s.charAt(pos);
            char next = pos + 1 < s.length() ? s.charAt(pos + 1) : 0;
            switch (c) {
                case ' ', '\t' -> pos++;
                case '\n' -> {
                    pos++;
                    readHeredocBodies();
                    endPipeline();
                }
                case '#' -> skipComment();
                case ';' -> {
                    pos += next == ';' || next == '&' ? 2 : 1;
                    endPipeline();
                }
                case '&' -> {
                    if (next == '>') {
                        pos++;
                        redirect("&");
                    } else {
                        pos += next == '&' ? 2 : 1;
                        endPipeline();
                    }
                }
                case '|' -> {
                    if (next == '|') {
                        pos += 2;
                        endPipeline();
                    } else {
                        pos += next == '&' ? 2 : 1;
                        endStage();
                    }
                }
                case '(', ')' -> {
                    pos++;
                    endPipeline();
                }
                case '<', '>' -> {
                    if (next == '(') {
                        command.words.add(readWord());
                    } else {
                        redirect("");
                    }
                }
                case '\\' -> {
                    if (next == '\n') {
                        pos += 2;
                    } else {
                        command.words.add(readWord());
                    }
                }
                default -> {
                    int start = pos;
                    Word word = readWord();
                    if (pos < s.length() && (s.charAt(pos) == '<' || s.charAt(pos) == '>')
                            && isFileDescriptor(start, pos)) {
                        redirect("");
                    } else {
                        command.words.add(word);
                    }
                }
            }
        }

        private boolean isFileDescriptor(int start, int end) {
            if (end - start > 2 || end == start) {
                return false;
            }
            for (int i = start; i < end; i++) {
                if (!Character.isDigit(s.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private void skipComment() {
            while (pos < s.length() && s.charAt(pos) != '\n') {
                pos++;
            }
        }

        private void endStage() {
            if (!command.isEmpty()) {
                stages.add(command);
            }
            command = new Builder();
        }

        private void endPipeline() {
            endStage();
            if (!stages.isEmpty()) {
                pipelines.add(stages);
            }
            stages = new ArrayList<>();
        }

        // ---- redirections and here-documents ---------------------------------------------------

        private void redirect(String prefix) {
            String operator = prefix + operatorAt();
            pos += operator.length() - prefix.length();
            skipBlanks();
            if (operator.equals("<<<")) {
                command.stdin.add(readWordOrEmpty());
            } else if (operator.startsWith("<<")) {
                Word delimiter = readWordOrEmpty();
                String text = delimiterText(delimiter);
                pendingHeredocs.add(new PendingHeredoc(command, text, operator.equals("<<-")));
            } else {
                command.redirects.add(new Redirect(operator, readWordOrEmpty()));
            }
        }

        private String operatorAt() {
            String[] operators = {"<<<", "<<-", "<<", "<>", "<&", ">>", ">|", ">&", "<", ">"};
            for (String candidate : operators) {
                if (s.startsWith(candidate, pos)) {
                    return candidate;
                }
            }
            return s.substring(pos, pos + 1);
        }

        private static String delimiterText(Word delimiter) {
            StringBuilder text = new StringBuilder();
            for (Part part : delimiter.parts()) {
                if (part instanceof Part.Literal literal) {
                    text.append(literal.text());
                } else if (part instanceof Part.Parameter parameter) {
                    text.append('$').append(parameter.name());
                }
            }
            return text.toString();
        }

        private void readHeredocBodies() {
            if (pendingHeredocs.isEmpty()) {
                return;
            }
            List<PendingHeredoc> pending = List.copyOf(pendingHeredocs);
            pendingHeredocs.clear();
            for (PendingHeredoc heredoc : pending) {
                StringBuilder body = new StringBuilder();
                while (pos < s.length()) {
                    int end = s.indexOf('\n', pos);
                    int lineEnd = end < 0 ? s.length() : end;
                    String line = s.substring(pos, lineEnd);
                    pos = end < 0 ? s.length() : end + 1;
                    String compared = heredoc.stripTabs() ? stripLeadingTabs(line) : line;
                    if (compared.equals(heredoc.delimiter()) || compared.strip().equals(heredoc.delimiter())) {
                        break;
                    }
                    body.append(line).append('\n');
                }
                heredoc.owner().stdin.add(new Word(List.of(new Part.Literal(body.toString(), true))));
            }
        }

        private static String stripLeadingTabs(String line) {
            int i = 0;
            while (i < line.length() && line.charAt(i) == '\t') {
                i++;
            }
            return line.substring(i);
        }

        private void skipBlanks() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private Word readWordOrEmpty() {
            if (pos >= s.length() || isMeta(s.charAt(pos)) && !startsProcessSubstitution()) {
                return new Word(List.of());
            }
            return readWord();
        }

        private boolean startsProcessSubstitution() {
            return (s.charAt(pos) == '<' || s.charAt(pos) == '>') && pos + 1 < s.length() && s.charAt(pos + 1) == '(';
        }

        private static boolean isMeta(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' || c == '>'
                    || c == '(' || c == ')';
        }

        // ---- words -----------------------------------------------------------------------------

        private Word readWord() {
            List<Part> parts = new ArrayList<>();
            StringBuilder plain = new StringBuilder();
            if (startsProcessSubstitution()) {
                boolean input = s.charAt(pos) == '<';
                int close = closing(pos + 2);
                parts.add(new Part.ProcessSubstitution(s.substring(pos + 2, Math.min(close, s.length())), input));
                pos = Math.min(close + 1, s.length());
            }
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (isMeta(c)) {
                    break;
                }
                switch (c) {
                    case '\\' -> {
                        if (pos + 1 >= s.length()) {
                            pos++;
                        } else if (s.charAt(pos + 1) == '\n') {
                            pos += 2;
                        } else {
                            flush(plain, parts);
                            parts.add(new Part.Literal(String.valueOf(s.charAt(pos + 1)), true));
                            pos += 2;
                        }
                    }
                    case '\'' -> {
                        flush(plain, parts);
                        int end = s.indexOf('\'', pos + 1);
                        int stop = end < 0 ? s.length() : end;
                        parts.add(new Part.Literal(s.substring(pos + 1, stop), true));
                        pos = end < 0 ? s.length() : end + 1;
                    }
                    case '"' -> {
                        flush(plain, parts);
                        pos++;
                        readDoubleQuoted(parts);
                    }
                    case '`' -> {
                        flush(plain, parts);
                        readBackticks(parts, false);
                    }
                    case '$' -> {
                        flush(plain, parts);
                        readDollar(parts, false);
                    }
                    default -> {
                        plain.append(c);
                        pos++;
                    }
                }
            }
            flush(plain, parts);
            return new Word(parts);
        }

        private static void flush(StringBuilder plain, List<Part> parts) {
            if (!plain.isEmpty()) {
                parts.add(new Part.Literal(plain.toString(), false));
                plain.setLength(0);
            }
        }

        private void readDoubleQuoted(List<Part> parts) {
            StringBuilder text = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    break;
                }
                if (c == '\\' && pos + 1 < s.length()) {
                    char escaped = s.charAt(pos + 1);
                    if (escaped == '\n') {
                        pos += 2;
                        continue;
                    }
                    if ("$`\"\\".indexOf(escaped) >= 0) {
                        text.append(escaped);
                        pos += 2;
                        continue;
                    }
                    text.append(c);
                    pos++;
                    continue;
                }
                if (c == '$' || c == '`') {
                    if (!text.isEmpty()) {
                        parts.add(new Part.Literal(text.toString(), true));
                        text.setLength(0);
                    }
                    if (c == '$') {
                        readDollar(parts, true);
                    } else {
                        readBackticks(parts, true);
                    }
                    continue;
                }
                text.append(c);
                pos++;
            }
            parts.add(new Part.Literal(text.toString(), true));
        }

        private void readBackticks(List<Part> parts, boolean quoted) {
            StringBuilder inner = new StringBuilder();
            pos++;
            while (pos < s.length() && s.charAt(pos) != '`') {
                char c = s.charAt(pos);
                if (c == '\\' && pos + 1 < s.length() && "$`\\".indexOf(s.charAt(pos + 1)) >= 0) {
                    inner.append(s.charAt(pos + 1));
                    pos += 2;
                    continue;
                }
                inner.append(c);
                pos++;
            }
            pos = Math.min(pos + 1, s.length());
            parts.add(new Part.CommandSubstitution(inner.toString(), quoted));
        }

        private void readDollar(List<Part> parts, boolean quoted) {
            char next = pos + 1 < s.length() ? s.charAt(pos + 1) : 0;
            if (next == '\'' && !quoted) {
                int[] end = {0};
                String decoded = AnsiCQuote.decode(s, pos + 2, end);
                parts.add(new Part.Literal(decoded, true));
                pos = end[0];
            } else if (next == '"' && !quoted) {
                pos += 2;
                readDoubleQuoted(parts);
            } else if (next == '(' && pos + 2 < s.length() && s.charAt(pos + 2) == '(') {
                int close = closing(pos + 3);
                parts.add(new Part.Arithmetic(s.substring(pos + 3, Math.min(close, s.length()))));
                pos = Math.min(close + 2, s.length());
            } else if (next == '(') {
                int close = closing(pos + 2);
                parts.add(new Part.CommandSubstitution(s.substring(pos + 2, Math.min(close, s.length())), quoted));
                pos = Math.min(close + 1, s.length());
            } else if (next == '{') {
                int close = closingBrace(pos + 2);
                parts.add(parameter(s.substring(pos + 2, Math.min(close, s.length())), quoted));
                pos = Math.min(close + 1, s.length());
            } else if (next != 0 && (Character.isLetter(next) || next == '_')) {
                int end = pos + 1;
                while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
                    end++;
                }
                parts.add(new Part.Parameter(s.substring(pos + 1, end), "", "", quoted));
                pos = end;
            } else if (next != 0 && "0123456789@*#?$!-".indexOf(next) >= 0) {
                parts.add(new Part.Parameter(String.valueOf(next), "", "", quoted));
                pos += 2;
            } else {
                parts.add(new Part.Literal("$", quoted));
                pos++;
            }
        }

        private static Part.Parameter parameter(String body, boolean quoted) {
            int i = 0;
            while (i < body.length() && (body.charAt(i) == '!' || body.charAt(i) == '#') && i < 1) {
                i++;
            }
            int nameStart = i;
            while (i < body.length() && (Character.isLetterOrDigit(body.charAt(i)) || body.charAt(i) == '_'
                    || (i == nameStart && "@*#?$!-".indexOf(body.charAt(i)) >= 0))) {
                i++;
            }
            String name = body.substring(nameStart, i);
            int opEnd = i;
            while (opEnd < body.length() && opEnd < i + 2 && ":-=?+%#/^,".indexOf(body.charAt(opEnd)) >= 0) {
                opEnd++;
            }
            return new Part.Parameter(body.substring(0, nameStart) + name, body.substring(i, opEnd),
                    body.substring(opEnd), quoted);
        }

        /** Index of the {@code )} closing a group opened just before {@code from}, skipping quotes; or the length. */
        private int closing(int from) {
            int depth = 1;
            int i = from;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == '\'') {
                    int end = s.indexOf('\'', i + 1);
                    i = end < 0 ? s.length() : end + 1;
                    continue;
                }
                if (c == '"') {
                    i = closingDoubleQuote(i + 1);
                    continue;
                }
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return i;
                }
                i++;
            }
            return s.length();
        }

        private int closingDoubleQuote(int from) {
            int i = from;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i += 2;
                } else if (c == '"') {
                    return i + 1;
                } else {
                    i++;
                }
            }
            return s.length();
        }

        private int closingBrace(int from) {
            int depth = 1;
            for (int i = from; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    return i;
                }
            }
            return s.length();
        }
    }

    private record PendingHeredoc(Builder owner, String delimiter, boolean stripTabs) {
    }

    private static final class Builder {
        final List<Word> words = new ArrayList<>();
        final List<Redirect> redirects = new ArrayList<>();
        final List<Word> stdin = new ArrayList<>();

        boolean isEmpty() {
            return words.isEmpty() && redirects.isEmpty() && stdin.isEmpty();
        }

        SimpleCommand build() {
            return new SimpleCommand(words, redirects, stdin);
        }
    }
}
