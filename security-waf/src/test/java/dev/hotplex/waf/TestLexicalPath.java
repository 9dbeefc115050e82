package dev.hotplex.waf;

import dev.hotplex.waf.internal.analysis.LexicalPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Resolving against a work dir takes a shortcut for plain paths; it must agree with full normalisation. */
class TestLexicalPath {
    private static final List<String> SEGMENTS = List.of("a", "bb", ".", "..", "", "...", ".x", "x.", "~", "-", "c d");

    @Test
    void resolvingAgreesWithNormalisingTheJoinedPath() {
        Random random = new Random(7);
        for (int k = 0; k < 20_000; k++) {
            String cwd = path(random, random.nextInt(4));
            String path = path(random, 0);
            if (cwd.isEmpty() || cwd.equals(".") || cwd.equals(LexicalPath.ESCAPED) || path.isEmpty()
                    || path.startsWith("/") || path.startsWith("~")) {
                continue;
            }
            assertThat(LexicalPath.resolve(cwd, path)).as(cwd + " + " + path)
                    .isEqualTo(LexicalPath.normalise(cwd + "/" + path));
        }
    }

    @Test
    void plainPathsAreJoined() {
        assertThat(LexicalPath.resolve("/srv/app", "dist/x.map")).isEqualTo("/srv/app/dist/x.map");
        assertThat(LexicalPath.resolve("~", "b")).isEqualTo("~/b");
        assertThat(LexicalPath.resolve("/", "etc")).isEqualTo("/etc");
        assertThat(LexicalPath.resolve("a", "../../etc")).isEqualTo(LexicalPath.ESCAPED);
    }

    private static String path(Random random, int root) {
        StringBuilder path = new StringBuilder(switch (root) {
            case 1 -> "/";
            case 2 -> "~/";
            case 3 -> "~";
            default -> "";
        });
        int segments = random.nextInt(5);
        for (int s = 0; s < segments; s++) {
            if (s > 0 || root == 3) {
                path.append('/');
            }
            path.append(SEGMENTS.get(random.nextInt(SEGMENTS.size())));
        }
        if (random.nextInt(6) == 0) {
            path.append('/');
        }
        return path.toString();
    }
}
