package dev.hotplex.waf.internal.judge;

import dev.hotplex.core.model.ToolCall;
import dev.hotplex.waf.internal.analysis.CommandFact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads what a tool call would do: the shell commands it runs (Bash, and command-like fields of
 * unknown or MCP tools), and the files it writes, edits or reads and the URLs it fetches, as
 * synthetic commands named {@code tool.write}, {@code tool.read} and {@code tool.fetch} (with the
 * path also as a write or read redirection, so that path-class rules catch both {@code echo >>
 * ~/.bashrc} and {@code Write ~/.bashrc}). A script written to a shell-like file is also checked as
 * a command, because the next call may simply run it.
 */
final class ToolCallReader {
    private static final Set<String> COMMAND_KEYS = Set.of("command", "cmd", "script", "shell", "commandline",
            "command_line", "bash");
    private static final Set<String> WRITE_PATH_KEYS = Set.of("file_path", "notebook_path", "path", "filename", "file",
            "target", "destination");
    private static final Set<String> CONTENT_KEYS = Set.of("content", "new_string", "new_source", "file_text", "text",
            "contents", "data", "code");
    private static final Set<String> URL_KEYS = Set.of("url", "uri", "endpoint", "href");
    private static final int MAX_VALUES = 512;

    /** What one call does. */
    record Reading(List<String> commands, List<CommandFact> facts, long size) {
    }

    Reading read(ToolCall call) {
        String tool = call.toolName().toLowerCase(Locale.ROOT);
        List<String> commands = new ArrayList<>();
        List<CommandFact> facts = new ArrayList<>();
        long size = 0;
        switch (tool) {
            case "bash", "shell", "run_shell_command", "execute_command", "terminal", "exec_command",
                 "bashoutput" -> call.stringInput("command").ifPresent(commands::add);
            case "write", "edit", "multiedit", "notebookedit", "create_file", "str_replace_editor",
                 "str_replace_based_edit_tool", "apply_patch" -> write(call.input(), commands, facts);
            case "read", "notebookread", "view", "ls", "glob", "grep", "search" -> read(call.input(), facts);
            case "webfetch", "fetch", "http_request", "web_fetch" -> fetch(call.input(), facts);
            case "websearch", "task", "agent", "todowrite", "exitplanmode", "killshell", "killbash" -> {
                // nothing that touches this host's files or runs commands
            }
            default -> unknown(call.input(), commands, facts, 0, new int[] {0});
        }
        for (String command : commands) {
            size += command.length();
        }
        for (CommandFact fact : facts) {
            size += fact.line().length();
        }
        return new Reading(commands, facts, size);
    }

    private static void write(Map<String, Object> input, List<String> commands, List<CommandFact> facts) {
        String path = firstString(input, WRITE_PATH_KEYS);
        List<String> contents = new ArrayList<>();
        for (String key : CONTENT_KEYS) {
            if (input.get(key) instanceof String text) {
                contents.add(text);
            }
        }
        if (input.get("edits") instanceof List<?> edits) {
            for (Object edit : edits) {
                if (edit instanceof Map<?, ?> map && map.get("new_string") instanceof String text) {
                    contents.add(text);
                }
            }
        }
        if (path != null) {
            facts.add(fact(facts, "tool.write", path, List.of(path), List.of()));
        }
        boolean script = path != null && isScriptPath(path);
        for (String content : contents) {
            if (script || content.startsWith("#!")) {
                commands.add(content);
            }
        }
    }

    private static void read(Map<String, Object> input, List<CommandFact> facts) {
        for (String key : List.of("file_path", "notebook_path", "path", "pattern")) {
            if (input.get(key) instanceof String path && !path.isBlank()) {
                if (key.equals("pattern") && !path.contains("/")) {
                    continue;
                }
                facts.add(fact(facts, "tool.read", path, List.of(), List.of(path)));
            }
        }
    }

    private static void fetch(Map<String, Object> input, List<CommandFact> facts) {
        String url = firstString(input, URL_KEYS);
        if (url != null) {
            facts.add(fact(facts, "tool.fetch", url, List.of(), List.of()));
        }
    }

    private static void unknown(Map<?, ?> input, List<String> commands, List<CommandFact> facts, int depth,
                                int[] seen) {
        if (depth > 4) {
            return;
        }
        for (Map.Entry<?, ?> entry : input.entrySet()) {
            if (seen[0]++ > MAX_VALUES) {
                return;
            }
            String key = String.valueOf(entry.getKey()).toLowerCase(Locale.ROOT);
            Object value = entry.getValue();
            if (value instanceof String text) {
                if (COMMAND_KEYS.contains(key)) {
                    commands.add(text);
                } else if (URL_KEYS.contains(key)) {
                    facts.add(fact(facts, "tool.fetch", text, List.of(), List.of()));
                } else if (WRITE_PATH_KEYS.contains(key)) {
                    facts.add(fact(facts, "tool.read", text, List.of(), List.of(text)));
                }
            } else if (value instanceof Map<?, ?> map) {
                unknown(map, commands, facts, depth + 1, seen);
            } else if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> map) {
                        unknown(map, commands, facts, depth + 1, seen);
                    } else if (item instanceof String text && COMMAND_KEYS.contains(key)) {
                        commands.add(text);
                    }
                }
            }
        }
    }

    private static CommandFact fact(List<CommandFact> facts, String name, String arg, List<String> writes,
                                    List<String> reads) {
        return new CommandFact(facts.size(), name, List.of(arg), writes, reads, null, List.of(), ".", List.of(), "");
    }

    private static String firstString(Map<String, Object> input, Set<String> keys) {
        for (Map.Entry<String, Object> entry : input.entrySet()) {
            if (keys.contains(entry.getKey().toLowerCase(Locale.ROOT)) && entry.getValue() instanceof String text) {
                return text;
            }
        }
        return null;
    }

    private static boolean isScriptPath(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        String name = lower.substring(lower.lastIndexOf('/') + 1);
        return lower.endsWith(".sh") || lower.endsWith(".bash") || lower.endsWith(".zsh") || lower.endsWith(".ksh")
                || lower.endsWith(".command") || name.equals("makefile") || name.equals("justfile")
                || name.equals("dockerfile") || name.endsWith(".crontab") || name.equals("crontab")
                || lower.endsWith(".service");
    }
}
