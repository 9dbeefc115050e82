package dev.hotplex.waf.internal.analysis;

import java.util.HashMap;
import java.util.Map;

/**
 * What the analyser knows while it walks one script: variables and aliases set so far, the current
 * directory, and which command wrote which file (so that running that file links back to it).
 */
final class Env {
    static final String WORK_DIR = ".";

    private final Map<String, String> variables = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, CommandFact> producers = new HashMap<>();
    private String cwd = WORK_DIR;

    String variable(String name) {
        return variables.get(name);
    }

    void setVariable(String name, String value) {
        variables.put(name, value);
    }

    void unset(String name) {
        variables.remove(name);
    }

    String alias(String name) {
        return aliases.get(name);
    }

    void setAlias(String name, String value) {
        aliases.put(name, value);
    }

    String cwd() {
        return cwd;
    }

    void cwd(String directory) {
        this.cwd = directory;
    }

    CommandFact producerOf(String file) {
        return producers.get(key(file));
    }

    void produced(String file, CommandFact producer) {
        if (producers.size() < 1024) {
            producers.put(key(file), producer);
        }
    }

    private static String key(String file) {
        String key = file;
        while (key.startsWith("./")) {
            key = key.substring(2);
        }
        return key;
    }
}
