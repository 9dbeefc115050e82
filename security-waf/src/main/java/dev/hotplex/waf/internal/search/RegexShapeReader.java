package dev.hotplex.waf.internal.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@link RegexShape} from RE2 syntax. Conservative by construction: any construct it does
 * not fully understand (POSIX classes, {@code \Q}, octal escapes, an optional or class-led first
 * element, an unbounded repetition of something that mixes whitespace and other characters) makes
 * the corresponding half of the shape unknown, and the rule is then searched the plain way. The
 * source has already been compiled by RE2, so it is well-formed.
 */
public final class RegexShapeReader {
    /** Caps bounds so that nested counted repetitions cannot overflow; far above any input limit. */
    private static final long CAP = 1L << 40;

    public RegexShape read(String source) {
        Node root;
        try {
            Parse parse = new Parse(source);
            root = parse.alternation();
            if (parse.pos != source.length()) {
                return RegexShape.UNKNOWN;
            }
        } catch (Unsupported e) {
            return RegexShape.UNKNOWN;
        }
        List<String> literals;
        try {
            literals = List.copyOf(starts(root));
        } catch (Unsupported e) {
            literals = List.of();
        }
        RegexShape.Width width;
        try {
            width = width(root);
        } catch (Unsupported e) {
            width = null;
        }
        return new RegexShape(literals, width);
    }

    /** Which characters a node can consume, relative to RE2's {@code \s}. */
    private enum Chars {
        NONE, WHITESPACE, OTHER, MIXED;

        Chars and(Chars other) {
            if (this == NONE) {
                return other;
            }
            return other == NONE || other == this ? this : MIXED;
        }
    }

    private sealed interface Node permits Literal, Single, Empty, Sequence, Choice, Repeat {
    }

    /** One literal code point. */
    private record Literal(int codePoint) implements Node {
    }

    /**
     * One code point from a class, {@code .} or a Perl class; {@code members} lists a small class's
     * code points ({@code [.!?]}), else it is empty.
     */
    private record Single(Chars chars, List<Integer> members) implements Node {
        Single(Chars chars) {
            this(chars, List.of());
        }
    }

    /** A zero-width assertion or flag group. */
    private record Empty() implements Node {
    }

    private record Sequence(List<Node> items) implements Node {
    }

    private record Choice(List<Node> branches) implements Node {
    }

    /** {@code max < 0}: unbounded. */
    private record Repeat(Node node, int min, int max) implements Node {
    }

    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    static boolean isWhitespace(int c) {
        return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
    }

    private static Set<String> starts(Node node) {
        Set<String> all = new LinkedHashSet<>();
        if (addStarts(node, all)) {
            throw new Unsupported(); // a match may consume nothing: it can start anywhere
        }
        return all;
    }

    /**
     * Adds to {@code into} the literals a non-empty match of {@code node} starts with; returns whether
     * the node can also match without consuming anything (then what follows it may come first).
     */
    private static boolean addStarts(Node node, Set<String> into) {
        return switch (node) {
            case Literal literal -> {
                into.add(literal(literal.codePoint()));
                yield false;
            }
            case Single single -> {
                if (single.members().isEmpty()) {
                    throw new Unsupported();
                }
                for (int member : single.members()) {
                    into.add(literal(member));
                }
                yield false;
            }
            case Empty empty -> true;
            case Choice choice -> {
                boolean empty = false;
                for (Node branch : choice.branches()) {
                    empty |= addStarts(branch, into);
                }
                yield empty;
            }
            case Repeat repeat -> repeat.max() == 0 || addStarts(repeat.node(), into) || repeat.min() == 0;
            case Sequence sequence -> sequenceStarts(sequence.items(), into);
        };
    }

    private static boolean sequenceStarts(List<Node> items, Set<String> into) {
        for (int k = 0; k < items.size(); k++) {
            if (items.get(k) instanceof Literal) {
                // a run of literals starts every match of the rest: the longer, the fewer places to try
                StringBuilder run = new StringBuilder();
                for (int j = k; j < items.size() && items.get(j) instanceof Literal literal; j++) {
                    run.append(literal(literal.codePoint()));
                }
                into.add(run.toString());
                return false;
            }
            if (!addStarts(items.get(k), into)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A literal as the folded text spells it. Only literals whose case partners all fold to one char
     * are used (RE2 matches any partner), and none outside the Basic Multilingual Plane.
     */
    private static String literal(int codePoint) {
        if (codePoint > Character.MAX_VALUE || Character.isSurrogate((char) codePoint)) {
            throw new Unsupported();
        }
        char c = (char) codePoint;
        char folded = CaseFold.fold(c);
        if (CaseFold.fold(Character.toUpperCase(c)) != folded || CaseFold.fold(Character.toLowerCase(c)) != folded
                || CaseFold.fold(Character.toTitleCase(c)) != folded) {
            throw new Unsupported();
        }
        return String.valueOf(folded);
    }

    private static RegexShape.Width width(Node node) {
        return switch (node) {
            // case-insensitive ASCII letters may match a one-char partner (U+212A, U+017F); anything
            // else may be a surrogate pair
            case Literal literal -> new RegexShape.Width(literal.codePoint() < 128 ? 1 : 2, 0, 0);
            case Single single -> new RegexShape.Width(2, 0, 0);
            case Empty empty -> RegexShape.Width.ZERO;
            case Sequence sequence -> {
                RegexShape.Width sum = RegexShape.Width.ZERO;
                for (Node item : sequence.items()) {
                    sum = capped(sum.plus(width(item)));
                }
                yield sum;
            }
            case Choice choice -> {
                RegexShape.Width most = RegexShape.Width.ZERO;
                for (Node branch : choice.branches()) {
                    most = most.max(width(branch));
                }
                yield most;
            }
            case Repeat repeat when repeat.max() >= 0 -> capped(width(repeat.node()).times(repeat.max()));
            case Repeat repeat -> switch (chars(repeat.node())) {
                case NONE -> RegexShape.Width.ZERO;
                // a run of repetitions that each consume only whitespace (or only other characters)
                // stays inside one run of the text
                case WHITESPACE -> new RegexShape.Width(0, 1, 0);
                case OTHER -> new RegexShape.Width(0, 0, 1);
                case MIXED -> throw new Unsupported();
            };
        };
    }

    private static RegexShape.Width capped(RegexShape.Width width) {
        if (width.fixed() > CAP || width.whitespaceRuns() > CAP || width.otherRuns() > CAP) {
            throw new Unsupported();
        }
        return width;
    }

    private static Chars chars(Node node) {
        return switch (node) {
            case Literal literal -> isWhitespace(literal.codePoint()) ? Chars.WHITESPACE : Chars.OTHER;
            case Single single -> single.chars();
            case Empty empty -> Chars.NONE;
            case Sequence sequence -> {
                Chars all = Chars.NONE;
                for (Node item : sequence.items()) {
                    all = all.and(chars(item));
                }
                yield all;
            }
            case Choice choice -> {
                Chars all = Chars.NONE;
                for (Node branch : choice.branches()) {
                    all = all.and(chars(branch));
                }
                yield all;
            }
            case Repeat repeat -> repeat.max() == 0 ? Chars.NONE : chars(repeat.node());
        };
    }

    /** A recursive-descent parse of one RE2 source. */
    private static final class Parse {
        private final String source;
        private int pos;

        Parse(String source) {
            this.source = source;
        }

        Node alternation() {
            List<Node> branches = new ArrayList<>();
            branches.add(sequence());
            while (more() && peek() == '|') {
                pos++;
                branches.add(sequence());
            }
            return branches.size() == 1 ? branches.getFirst() : new Choice(branches);
        }

        private Node sequence() {
            List<Node> items = new ArrayList<>();
            while (more() && peek() != '|' && peek() != ')') {
                items.add(repetition());
            }
            return new Sequence(items);
        }

        private Node repetition() {
            Node node = atom();
            while (more()) {
                int c = peek();
                int min;
                int max;
                if (c == '*' || c == '+' || c == '?') {
                    pos++;
                    min = c == '+' ? 1 : 0;
                    max = c == '?' ? 1 : -1;
                } else if (c == '{' && countedRepeatAhead()) {
                    pos++;
                    min = number();
                    max = min;
                    if (peek() == ',') {
                        pos++;
                        max = peek() == '}' ? -1 : number();
                    }
                    expect('}');
                } else {
                    break;
                }
                if (more() && peek() == '?') {
                    pos++; // lazy: same matches, other preference
                }
                node = new Repeat(node, min, max);
            }
            return node;
        }

        /** RE2 reads {@code {} as a literal unless it opens {@code {n}}, {@code {n,}} or {@code {n,m}}. */
        private boolean countedRepeatAhead() {
            int k = pos + 1;
            int digits = 0;
            while (k < source.length() && Character.isDigit(source.charAt(k))) {
                k++;
                digits++;
            }
            if (digits == 0 || k >= source.length()) {
                return false;
            }
            if (source.charAt(k) == ',') {
                k++;
                while (k < source.length() && Character.isDigit(source.charAt(k))) {
                    k++;
                }
            }
            return k < source.length() && source.charAt(k) == '}';
        }

        private int number() {
            int start = pos;
            while (more() && Character.isDigit(peek())) {
                pos++;
            }
            if (start == pos || pos - start > 4) {
                throw new Unsupported();
            }
            return Integer.parseInt(source.substring(start, pos));
        }

        private Node atom() {
            int c = next();
            return switch (c) {
                case '(' -> group();
                case '[' -> characterClass();
                case '.' -> new Single(Chars.MIXED);
                case '^', '$' -> new Empty();
                case '\\' -> escape();
                case '*', '+', '?', ')', '|' -> throw new Unsupported();
                default -> new Literal(c);
            };
        }

        private Node group() {
            if (source.startsWith("?:", pos)) {
                pos += 2;
            } else if (source.startsWith("?P<", pos) || source.startsWith("?<", pos)) {
                int close = source.indexOf('>', pos);
                if (close < 0) {
                    throw new Unsupported();
                }
                pos = close + 1;
            } else if (more() && peek() == '?') {
                pos++;
                while (more() && "imsU-".indexOf(peek()) >= 0) {
                    pos++;
                }
                int c = next();
                if (c == ')') {
                    return new Empty();
                }
                if (c != ':') {
                    throw new Unsupported();
                }
            }
            Node inner = alternation();
            expect(')');
            return inner;
        }

        private Node escape() {
            int c = next();
            return switch (c) {
                case 'b', 'B', 'A', 'z' -> new Empty();
                case 'd', 'w', 'S' -> new Single(Chars.OTHER);
                case 's' -> new Single(Chars.WHITESPACE);
                case 'D', 'W' -> new Single(Chars.MIXED);
                case 'p', 'P' -> {
                    skipUnicodeClassName();
                    yield new Single(Chars.MIXED);
                }
                default -> new Literal(escapedCodePoint(c));
            };
        }

        private void skipUnicodeClassName() {
            if (more() && peek() == '{') {
                int close = source.indexOf('}', pos);
                if (close < 0) {
                    throw new Unsupported();
                }
                pos = close + 1;
            } else {
                next();
            }
        }

        /** The code point a non-class escape stands for ({@code \n}, {@code \x41}, {@code \.}). */
        private int escapedCodePoint(int c) {
            return switch (c) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'f' -> '\f';
                case 'v' -> 0x0B;
                case 'a' -> 0x07;
                case 'x' -> hex();
                default -> {
                    if (Character.isLetterOrDigit(c)) {
                        throw new Unsupported();
                    }
                    yield c;
                }
            };
        }

        private int hex() {
            int end;
            int start;
            if (more() && peek() == '{') {
                start = pos + 1;
                end = source.indexOf('}', start);
                if (end < 0) {
                    throw new Unsupported();
                }
                pos = end + 1;
            } else {
                start = pos;
                end = pos + 2;
                pos = end;
            }
            try {
                return Integer.parseInt(source.substring(start, end), 16);
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new Unsupported();
            }
        }

        /** Reads {@code [...]} (after the {@code [}) and says which characters it admits. */
        private Single characterClass() {
            boolean negated = more() && peek() == '^';
            if (negated) {
                pos++;
            }
            boolean whitespace = false;
            boolean other = false;
            Set<Integer> whitespaceMembers = new java.util.HashSet<>();
            boolean first = true;
            List<Integer> members = new ArrayList<>();
            boolean enumerable = !negated;
            while (true) {
                int c = next();
                if (c == ']' && !first) {
                    break;
                }
                first = false;
                if (c == '[' && more() && peek() == ':') {
                    throw new Unsupported();
                }
                int low;
                if (c == '\\') {
                    int e = next();
                    if ("dwSsDWpP".indexOf(e) >= 0) {
                        enumerable = false;
                    }
                    switch (e) {
                        case 'd', 'w', 'S' -> {
                            other = true;
                            continue;
                        }
                        case 's' -> {
                            whitespace = true;
                            whitespaceMembers.addAll(List.of(9, 10, 12, 13, 32));
                            continue;
                        }
                        case 'D', 'W', 'p', 'P' -> {
                            if (e == 'p' || e == 'P') {
                                skipUnicodeClassName();
                            }
                            whitespace = true;
                            other = true;
                            whitespaceMembers.addAll(List.of(9, 10, 12, 13, 32));
                            continue;
                        }
                        default -> low = escapedCodePoint(e);
                    }
                } else {
                    low = c;
                }
                int high = low;
                if (more() && peek() == '-' && pos + 1 < source.length() && source.charAt(pos + 1) != ']') {
                    pos++;
                    int h = next();
                    high = h == '\\' ? escapedCodePoint(next()) : h;
                }
                for (int member = low; enumerable && member <= high; member++) {
                    members.add(member);
                    enumerable = members.size() <= 16;
                }
                for (int w : new int[] {9, 10, 12, 13, 32}) {
                    if (w >= low && w <= high) {
                        whitespace = true;
                        whitespaceMembers.add(w);
                    }
                }
                if (high - low + 1 > countWhitespace(low, high)) {
                    other = true;
                }
            }
            List<Integer> listed = enumerable ? members : List.of();
            if (negated) {
                return new Single(whitespaceMembers.size() == 5 ? Chars.OTHER : Chars.MIXED);
            }
            if (whitespace && other) {
                return new Single(Chars.MIXED, listed);
            }
            return new Single(whitespace ? Chars.WHITESPACE : Chars.OTHER, listed);
        }

        private static int countWhitespace(int low, int high) {
            int count = 0;
            for (int w : new int[] {9, 10, 12, 13, 32}) {
                count += w >= low && w <= high ? 1 : 0;
            }
            return count;
        }

        private void expect(int c) {
            if (next() != c) {
                throw new Unsupported();
            }
        }

        private boolean more() {
            return pos < source.length();
        }

        private int peek() {
            return source.codePointAt(pos);
        }

        private int next() {
            if (!more()) {
                throw new Unsupported();
            }
            int c = source.codePointAt(pos);
            pos += Character.charCount(c);
            return c;
        }
    }
}
