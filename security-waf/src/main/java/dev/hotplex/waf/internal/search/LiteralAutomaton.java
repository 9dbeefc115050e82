package dev.hotplex.waf.internal.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aho–Corasick over a fixed list of (case-folded) literals: one pass over a text reports every
 * occurrence of every literal, however many there are. Transitions are a dense table over the
 * characters the literals use, so a step is two array reads. Immutable after construction.
 */
final class LiteralAutomaton {
    /** Called for each occurrence: which literal, and where it starts. */
    interface Hits {
        void hit(int literal, int start);
    }

    private final int[] lengths;
    private final short[] alphabet = new short[Character.MAX_VALUE + 1];
    private final int[][] next;
    private final int[][] outputs;

    LiteralAutomaton(List<String> literals) {
        lengths = new int[literals.size()];
        int symbols = 1; // 0: any character no literal uses
        for (String literal : literals) {
            for (int k = 0; k < literal.length(); k++) {
                char c = literal.charAt(k);
                if (alphabet[c] == 0) {
                    alphabet[c] = (short) symbols++;
                }
            }
        }
        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> found = new ArrayList<>();
        trie.add(new int[symbols]);
        found.add(new ArrayList<>());
        for (int id = 0; id < literals.size(); id++) {
            String literal = literals.get(id);
            lengths[id] = literal.length();
            int state = 0;
            for (int k = 0; k < literal.length(); k++) {
                int symbol = alphabet[literal.charAt(k)];
                if (trie.get(state)[symbol] == 0) {
                    trie.get(state)[symbol] = trie.size();
                    trie.add(new int[symbols]);
                    found.add(new ArrayList<>());
                }
                state = trie.get(state)[symbol];
            }
            found.get(state).add(id);
        }
        int[] fail = new int[trie.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int symbol = 1; symbol < symbols; symbol++) {
            int child = trie.getFirst()[symbol];
            if (child != 0) {
                queue.add(child);
            }
        }
        // breadth first: a state's failure target (shorter) is complete before the state itself
        while (!queue.isEmpty()) {
            int state = queue.poll();
            found.get(state).addAll(found.get(fail[state]));
            for (int symbol = 1; symbol < symbols; symbol++) {
                int child = trie.get(state)[symbol];
                if (child != 0) {
                    fail[child] = trie.get(fail[state])[symbol];
                    queue.add(child);
                } else {
                    trie.get(state)[symbol] = trie.get(fail[state])[symbol];
                }
            }
        }
        next = trie.toArray(new int[0][]);
        outputs = new int[found.size()][];
        for (int state = 0; state < outputs.length; state++) {
            outputs[state] = found.get(state).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** Reports every occurrence in {@code folded} (already case-folded). */
    void scan(String folded, Hits hits) {
        int state = 0;
        for (int i = 0; i < folded.length(); i++) {
            state = next[state][alphabet[folded.charAt(i)]];
            for (int literal : outputs[state]) {
                hits.hit(literal, i + 1 - lengths[literal]);
            }
        }
    }

    @Override
    public String toString() {
        return "LiteralAutomaton[" + next.length + " states, literal lengths " + Arrays.toString(lengths) + "]";
    }
}
