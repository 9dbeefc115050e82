package dev.hotplex.waf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The evaluation set in {@code src/test/resources/eval}: one case per line, {@code category<TAB>input}. */
record EvaluationCorpus(String name, List<Case> cases) {

    /** One input and the category it exercises. */
    record Case(String category, String input) {
        @Override
        public String toString() {
            return category + ": " + input;
        }
    }

    static EvaluationCorpus load(String name) {
        try (InputStream in = EvaluationCorpus.class.getResourceAsStream("/eval/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalStateException("missing evaluation corpus " + name);
            }
            List<Case> cases = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                cases.add(new Case(line.substring(0, tab), line.substring(tab + 1).replace("\\n", "\n")));
            }
            return new EvaluationCorpus(name, List.copyOf(cases));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
