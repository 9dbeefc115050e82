package dev.hotplex.waf.internal.analysis;

import dev.hotplex.waf.internal.shell.Pipeline;
import dev.hotplex.waf.internal.shell.Redirect;
import dev.hotplex.waf.internal.shell.Script;
import dev.hotplex.waf.internal.shell.ShellParser;
import dev.hotplex.waf.internal.shell.SimpleCommand;
import dev.hotplex.waf.internal.shell.Word;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a shell script into the flat list of commands it would run ({@link CommandFact}s): every
 * pipeline stage, every command inside {@code $(...)}, backticks and {@code <(...)}, every wrapper
 * peeled off ({@code sudo}, {@code env}, {@code nohup}, {@code timeout}, {@code xargs}, {@code
 * busybox}, {@code ssh host ...}), every script handed to a shell ({@code bash -c}, here-documents,
 * {@code eval}, aliases, files written earlier in the script) and every payload decoded on its way
 * into a shell. Work is bounded: nesting depth and the number of commands are capped, and
 * exceeding either marks the result {@code tooComplex} so the caller can fail closed.
 */
public final class CommandAnalyzer {
    /** The commands found, and whether a limit was hit before the script was fully seen. */
    public record Result(List<CommandFact> facts, boolean tooComplex, List<String> decoded) {
    }

    static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "fish", "csh",
            "tcsh", "rbash", "yash", "posh");
    private static final Set<String> KEYWORDS = Set.of("if", "then", "else", "elif", "fi", "do", "done", "while",
            "until", "!", "{", "}", "coproc", "[[", "]]");
    private static final Set<String> INTERPRETERS = Set.of("python", "python2", "python3", "pypy", "pypy3", "perl",
            "ruby", "node", "nodejs", "deno", "bun", "php", "lua", "luajit", "pwsh", "powershell", "osascript", "awk",
            "gawk", "mawk", "nawk", "tclsh", "jrunscript");
    private static final Set<String> DOWNLOADERS = Set.of("curl", "wget", "fetch", "aria2c", "axel", "http", "https");
    private static final List<String> KNOWN_COMMANDS = List.of("rm", "dd", "mkfs", "shred", "chmod", "chown", "curl",
            "wget", "bash", "sh", "nc", "ncat", "python", "python3", "perl", "kill", "killall", "reboot", "shutdown",
            "halt", "poweroff", "sudo", "base64", "crontab", "systemctl", "iptables", "git", "find", "xargs", "mv", "cp",
            "cat", "tee", "echo", "printf", "eval", "env", "socat", "telnet", "insmod", "modprobe", "wipefs", "fdisk",
            "truncate", "zsh", "dash", "ksh", "rsync", "scp", "terraform", "kubectl", "docker", "psql", "mysql");

    private final ShellParser parser = new ShellParser();
    private final Expander expander = new Expander();
    private final int maxFacts;
    private final int maxDepth;
    private final int maxChars;

    public CommandAnalyzer(int maxFacts, int maxDepth, int maxChars) {
        this.maxFacts = maxFacts;
        this.maxDepth = maxDepth;
        this.maxChars = maxChars;
    }

    public Result analyse(String script) {
        Run run = new Run(8L * script.length() + 4_096);
        run.script(script, 0, "");
        return new Result(List.copyOf(run.facts), run.tooComplex, List.copyOf(run.decoded));
    }

    /** The state of one analysis. */
    private final class Run {
        final List<CommandFact> facts = new ArrayList<>();
        final List<String> decoded = new ArrayList<>();
        final Env env = new Env();
        final PayloadDecoder decoder = new PayloadDecoder(maxChars);
        boolean tooComplex;
        int aliasExpansions;
        long parsedChars;
        long assignedChars;
        final long budget;

        Run(long budget) {
            this.budget = budget;
        }

        /** Analyses a script and returns the last command of each pipeline. */
        List<CommandFact> script(String source, int depth, String origin) {
            if (depth > maxDepth) {
                tooComplex = true;
                return List.of();
            }
            parsedChars += source.length();
            if (parsedChars > budget) {
                tooComplex = true;
                return List.of();
            }
            if (!origin.isEmpty() && !origin.equals("remote") && decoded.size() < 256) {
                decoded.add(source);
            }
            Script parsed = parser.parse(source);
            List<CommandFact> finals = new ArrayList<>();
            for (Pipeline pipeline : parsed.pipelines()) {
                CommandFact previous = null;
                for (SimpleCommand stage : pipeline.stages()) {
                    if (tooComplex) {
                        return finals;
                    }
                    CommandFact last = stage(stage, previous, depth, origin);
                    if (last != null) {
                        previous = last;
                    }
                }
                if (previous != null) {
                    finals.add(previous);
                }
            }
            return finals;
        }

        CommandFact stage(SimpleCommand command, CommandFact previous, int depth, String origin) {
            List<CommandFact> feeders = new ArrayList<>();
            Expander.Substitutions substitutions = new Expander.Substitutions() {
                @Override
                public String command(String source) {
                    List<CommandFact> inner = script(source, depth + 1, origin);
                    feeders.addAll(inner);
                    return inner.size() == 1 ? decoder.output(inner.get(0), 0) : null;
                }

                @Override
                public void process(String source, boolean input) {
                    feeders.addAll(script(source, depth + 1, origin));
                }
            };
            List<String> fields = new ArrayList<>();
            for (Word word : command.words()) {
                fields.addAll(expander.expand(word, env, substitutions));
            }
            List<String> writes = new ArrayList<>();
            List<String> reads = new ArrayList<>();
            for (Redirect redirect : command.redirects()) {
                String target = String.join(" ", expander.expand(redirect.target(), env, substitutions));
                if (redirect.operator().endsWith("&") && (target.isEmpty() || isNumber(target) || target.equals("-"))) {
                    continue;
                }
                if (redirect.writes()) {
                    writes.add(target);
                }
                if (redirect.reads()) {
                    reads.add(target);
                }
            }
            List<String> stdin = new ArrayList<>();
            for (Word word : command.stdin()) {
                stdin.add(String.join(" ", expander.expand(word, env, substitutions)));
            }
            return unwrap(fields, writes, reads, stdin, previous, feeders, depth, origin);
        }

        // ---- unwrapping ------------------------------------------------------------------------

        CommandFact unwrap(List<String> initial, List<String> writes, List<String> reads, List<String> stdin,
                           CommandFact previous, List<CommandFact> feeders, int depth, String origin) {
            List<String> fields = new ArrayList<>(initial);
            for (int guard = 0; guard < 64 && !tooComplex; guard++) {
                List<String> assignments = new ArrayList<>();
                while (!fields.isEmpty() && assignment(fields.get(0))) {
                    assignments.add(fields.remove(0));
                }
                if (fields.isEmpty() && !assignments.isEmpty()) {
                    return emit("export", assignments, writes, reads, previous, feeders, stdin, origin);
                }
                if (fields.isEmpty()) {
                    return writes.isEmpty() && reads.isEmpty() && stdin.isEmpty() ? null
                            : emit(":", List.of(), writes, reads, previous, feeders, stdin, origin);
                }
                String word = fields.get(0);
                String name = commandName(word);
                List<String> rest = new ArrayList<>(fields.subList(1, fields.size()));
                String alias = env.alias(name);
                if (alias != null && aliasExpansions++ < 16) {
                    fields = new ArrayList<>(splitWords(alias));
                    fields.addAll(rest);
                    continue;
                }
                if (KEYWORDS.contains(name)) {
                    fields = rest;
                    continue;
                }
                switch (name) {
                    case "for", "select", "case", "esac", "function", "in" -> {
                        return null;
                    }
                    case "cd", "pushd", "chdir" -> {
                        changeDirectory(rest);
                        return emit(name, rest, writes, reads, previous, feeders, stdin, origin);
                    }
                    case "popd" -> {
                        env.cwd(LexicalPath.ESCAPED);
                        return emit(name, rest, writes, reads, previous, feeders, stdin, origin);
                    }
                    case "alias" -> {
                        for (String definition : rest) {
                            int eq = definition.indexOf('=');
                            if (eq > 0) {
                                env.setAlias(definition.substring(0, eq), definition.substring(eq + 1));
                            }
                        }
                        return emit(name, rest, writes, reads, previous, feeders, stdin, origin);
                    }
                    case "export", "declare", "typeset", "local", "readonly" -> {
                        rest.forEach(this::assignment);
                        return emit(name, rest, writes, reads, previous, feeders, stdin, origin);
                    }
                    case "unset" -> {
                        rest.forEach(env::unset);
                        return emit(name, rest, writes, reads, previous, feeders, stdin, origin);
                    }
                    case "eval" -> {
                        CommandFact fact = emit(name, rest, writes, reads, previous, feeders, stdin, origin);
                        script(String.join(" ", rest), depth + 1, origin);
                        return fact;
                    }
                    case "source", "." -> {
                        return runFile("source", rest, rest.isEmpty() ? null : rest.get(0), writes, reads, previous,
                                feeders, stdin, depth, origin);
                    }
                    case "xargs" -> {
                        emit(name, rest, List.of(), List.of(), previous, feeders, List.of(), origin);
                        fields = xargs(rest, previous, stdin);
                        continue;
                    }
                    case "find" -> {
                        return find(rest, writes, reads, previous, feeders, stdin, depth, origin);
                    }
                    case "ssh" -> {
                        CommandFact fact = emit(name, rest, writes, reads, previous, feeders, stdin, origin);
                        int at = skipOptions(rest, Set.of("-b", "-c", "-D", "-E", "-e", "-F", "-I", "-i", "-J", "-L",
                                "-l", "-m", "-O", "-o", "-p", "-Q", "-R", "-S", "-W", "-w", "-B"), 1);
                        if (at < rest.size()) {
                            script(String.join(" ", rest.subList(at, rest.size())), depth + 1, "remote");
                        }
                        return fact;
                    }
                    case "su", "sg" -> {
                        CommandFact fact = emit(name, rest, writes, reads, previous, feeders, stdin, origin);
                        String code = optionValue(rest, Set.of("-c", "--command"));
                        if (code != null) {
                            script(code, depth + 1, origin);
                        }
                        return fact;
                    }
                    case "watch" -> {
                        CommandFact fact = emit(name, rest, writes, reads, previous, feeders, stdin, origin);
                        int at = skipOptions(rest, Set.of("-n", "--interval", "-q", "--equexit", "-s", "--shell"), 0);
                        script(String.join(" ", rest.subList(at, rest.size())), depth + 1, origin);
                        return fact;
                    }
                    case "script" -> {
                        CommandFact fact = emit(name, rest, writes, reads, previous, feeders, stdin, origin);
                        String code = optionValue(rest, Set.of("-c", "--command"));
                        if (code != null) {
                            script(code, depth + 1, origin);
                        }
                        return fact;
                    }
                    case "docker", "podman", "nerdctl" -> {
                        if (!rest.isEmpty() && rest.get(0).equals("exec")) {
                            emit(name, rest, List.of(), List.of(), previous, feeders, List.of(), origin);
                            List<String> afterExec = rest.subList(1, rest.size());
                            int at = skipOptions(afterExec, Set.of("-e", "--env", "-u", "--user", "-w", "--workdir",
                                    "--env-file", "--detach-keys"), 1);
                            fields = new ArrayList<>(afterExec.subList(at, afterExec.size()));
                            continue;
                        }
                        return plain(word, name, rest, writes, reads, previous, feeders, stdin, origin);
                    }
                    case "kubectl", "oc" -> {
                        int dashes = rest.indexOf("--");
                        if (rest.contains("exec") && dashes >= 0) {
                            emit(name, rest, List.of(), List.of(), previous, feeders, List.of(), origin);
                            fields = new ArrayList<>(rest.subList(dashes + 1, rest.size()));
                            continue;
                        }
                        return plain(word, name, rest, writes, reads, previous, feeders, stdin, origin);
                    }
                    default -> {
                        // fall through to the tables below
                    }
                }
                if (SHELLS.contains(name)) {
                    return shell(name, rest, writes, reads, previous, feeders, stdin, depth, origin);
                }
                if (INTERPRETERS.contains(name) || name.startsWith("python") || name.startsWith("pypy")) {
                    return interpreter(name, rest, writes, reads, previous, feeders, stdin, depth, origin);
                }
                Wrapper wrapper = Wrapper.of(name);
                if (wrapper != null) {
                    emit(name, rest, List.of(), List.of(), previous, feeders, List.of(), origin);
                    List<String> inner = wrapper.inner(rest);
                    if (inner.isEmpty() && !wrapper.runsShellWhenEmpty()) {
                        return emit(name, rest, writes, reads, previous, feeders, stdin, origin);
                    }
                    fields = new ArrayList<>(inner.isEmpty() ? List.of("sh") : inner);
                    continue;
                }
                return plain(word, name, rest, writes, reads, previous, feeders, stdin, origin);
            }
            return null;
        }

        private CommandFact plain(String word, String name, List<String> args, List<String> writes, List<String> reads,
                                  CommandFact previous, List<CommandFact> feeders, List<String> stdin, String origin) {
            CommandFact producer = word.contains("/") ? env.producerOf(word) : null;
            List<CommandFact> allFeeders = feeders;
            String effective = name;
            List<String> effectiveArgs = args;
            if (producer != null) {
                allFeeders = new ArrayList<>(feeders);
                allFeeders.add(producer);
                effective = "sh";
                effectiveArgs = new ArrayList<>(args);
                effectiveArgs.add(0, word);
            }
            CommandFact fact = emit(effective, effectiveArgs, writes, reads, previous, allFeeders, stdin, origin);
            if (fact == null) {
                return null;
            }
            if (DOWNLOADERS.contains(name)) {
                String file = downloadTarget(name, args);
                if (file != null) {
                    env.produced(file, fact);
                }
            }
            for (String target : writes) {
                env.produced(target, fact);
            }
            if (name.equals("tee")) {
                fact.positionals().forEach(target -> env.produced(target, fact));
            }
            return fact;
        }

        private CommandFact shell(String name, List<String> args, List<String> writes, List<String> reads,
                                  CommandFact previous, List<CommandFact> feeders, List<String> stdin, int depth,
                                  String origin) {
            String code = null;
            String file = null;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--")) {
                    file = i + 1 < args.size() ? args.get(i + 1) : null;
                    break;
                }
                if ((arg.startsWith("-") || arg.startsWith("+")) && arg.length() > 1) {
                    if (arg.equals("-o") || arg.equals("+o") || arg.equals("--rcfile") || arg.equals("--init-file")
                            || arg.equals("-O") || arg.equals("+O")) {
                        i++;
                    } else if (!arg.startsWith("--") && arg.indexOf('c') > 0) {
                        code = i + 1 < args.size() ? args.get(i + 1) : "";
                        break;
                    } else if (arg.equals("--command")) {
                        code = i + 1 < args.size() ? args.get(i + 1) : "";
                        break;
                    }
                    continue;
                }
                file = arg;
                break;
            }
            if (code != null) {
                CommandFact fact = emit(name, args, writes, reads, previous, feeders, stdin, origin);
                script(code, depth + 1, origin);
                return fact;
            }
            if (file != null) {
                return runFile(name, args, file, writes, reads, previous, feeders, stdin, depth, origin);
            }
            CommandFact fact = emit(name, args, writes, reads, previous, feeders, stdin, origin);
            for (String text : stdin) {
                script(text, depth + 1, "stdin");
            }
            String decoded = previous == null ? null : decoder.output(previous, 0);
            if (decoded != null) {
                script(decoded, depth + 1, "decoded");
            }
            return fact;
        }

        private CommandFact runFile(String name, List<String> args, String file, List<String> writes,
                                    List<String> reads, CommandFact previous, List<CommandFact> feeders,
                                    List<String> stdin, int depth, String origin) {
            CommandFact producer = file == null ? null : env.producerOf(file);
            List<CommandFact> allFeeders = new ArrayList<>(feeders);
            if (producer != null) {
                allFeeders.add(producer);
            }
            CommandFact fact = emit(name, args, writes, reads, previous, allFeeders, stdin, origin);
            String content = producer == null ? null : decoder.output(producer, 0);
            if (content != null) {
                script(content, depth + 1, "file");
            }
            return fact;
        }

        private CommandFact interpreter(String name, List<String> args, List<String> writes, List<String> reads,
                                        CommandFact previous, List<CommandFact> feeders, List<String> stdin, int depth,
                                        String origin) {
            String code = null;
            String encoded = null;
            String file = null;
            boolean awk = name.endsWith("awk");
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String lower = arg.toLowerCase(Locale.ROOT);
                String next = i + 1 < args.size() ? args.get(i + 1) : null;
                if (name.equals("pwsh") || name.equals("powershell")) {
                    if (lower.startsWith("-e") && !lower.startsWith("-ex") && next != null) {
                        encoded = next;
                        break;
                    }
                    if (lower.startsWith("-c") && next != null) {
                        code = String.join(" ", args.subList(i + 1, args.size()));
                        break;
                    }
                    if (!arg.startsWith("-")) {
                        code = String.join(" ", args.subList(i, args.size()));
                        break;
                    }
                    continue;
                }
                if (awk) {
                    if (arg.equals("-F") || arg.equals("-v") || arg.equals("-f")) {
                        i++;
                        continue;
                    }
                    if (!arg.startsWith("-")) {
                        code = arg;
                        break;
                    }
                    continue;
                }
                if (arg.startsWith("-") && !arg.startsWith("--") && arg.length() > 1
                        && (arg.indexOf('c') > 0 || arg.indexOf('e') > 0 || arg.indexOf('E') > 0
                        || arg.indexOf('r') > 0 || arg.indexOf('p') > 0) && next != null) {
                    code = next;
                    break;
                }
                if (arg.equals("--eval") || arg.equals("--print") || arg.equals("eval")) {
                    code = next;
                    break;
                }
                if (arg.equals("-m") || arg.equals("-M") || arg.equals("-I") || arg.equals("-W") || arg.equals("-X")) {
                    i++;
                    continue;
                }
                if (!arg.startsWith("-")) {
                    file = arg;
                    break;
                }
            }
            if (code == null && encoded == null && file != null) {
                return runFile(name, args, file, writes, reads, previous, feeders, stdin, depth, origin);
            }
            CommandFact fact = emit(name, args, writes, reads, previous, feeders, stdin, origin);
            if (encoded != null) {
                code = decodeUtf16Base64(encoded);
                if (code != null) {
                    script(code, depth + 1, "decoded");
                }
            }
            List<String> sources = new ArrayList<>(stdin);
            if (code != null) {
                sources.add(code);
            }
            for (String source : sources) {
                for (String literal : CodeLiterals.of(source)) {
                    if (tooComplex) {
                        break;
                    }
                    script(literal, depth + 1, "code");
                    String decoded = base64Literal(literal);
                    if (decoded != null) {
                        script(decoded, depth + 1, "decoded");
                    }
                }
            }
            return fact;
        }

        private CommandFact find(List<String> args, List<String> writes, List<String> reads, CommandFact previous,
                                 List<CommandFact> feeders, List<String> stdin, int depth, String origin) {
            List<String> roots = new ArrayList<>();
            int i = 0;
            while (i < args.size() && (args.get(i).equals("-H") || args.get(i).equals("-L") || args.get(i).equals("-P"))) {
                i++;
            }
            while (i < args.size() && !args.get(i).startsWith("-") && !args.get(i).equals("(")
                    && !args.get(i).equals("!")) {
                roots.add(args.get(i));
                i++;
            }
            if (roots.isEmpty()) {
                roots.add(".");
            }
            CommandFact fact = emit("find", args, writes, reads, previous, feeders, stdin, origin);
            for (int k = i; k < args.size(); k++) {
                String arg = args.get(k);
                if (!arg.equals("-exec") && !arg.equals("-execdir") && !arg.equals("-ok") && !arg.equals("-okdir")) {
                    continue;
                }
                List<String> command = new ArrayList<>();
                int j = k + 1;
                while (j < args.size() && !args.get(j).equals(";") && !args.get(j).equals("+")) {
                    command.add(args.get(j));
                    j++;
                }
                for (String root : roots.subList(0, Math.min(4, roots.size()))) {
                    List<String> substituted = new ArrayList<>(command.size());
                    for (String part : command) {
                        substituted.add(part.replace("{}", root));
                    }
                    unwrap(substituted, List.of(), List.of(), List.of(), null, List.of(fact), depth + 1, "find-exec");
                }
                k = j;
            }
            return fact;
        }

        private List<String> xargs(List<String> args, CommandFact previous, List<String> stdin) {
            String replace = null;
            int i = 0;
            Set<String> withValue = Set.of("-a", "-d", "-E", "-L", "-l", "-n", "-P", "-s", "--arg-file",
                    "--delimiter", "--eof", "--max-lines", "--max-args", "--max-procs", "--max-chars",
                    "--process-slot-var");
            while (i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1) {
                String arg = args.get(i);
                if (arg.equals("--")) {
                    i++;
                    break;
                }
                if (arg.equals("-I") || arg.equals("--replace")) {
                    replace = i + 1 < args.size() ? args.get(i + 1) : "{}";
                    i += 2;
                    continue;
                }
                if (arg.startsWith("-I") || arg.startsWith("-i") || arg.startsWith("--replace=")) {
                    int eq = arg.indexOf('=');
                    String value = eq >= 0 ? arg.substring(eq + 1) : arg.substring(2);
                    replace = value.isEmpty() ? "{}" : value;
                    i++;
                    continue;
                }
                i += withValue.contains(arg) ? 2 : 1;
            }
            List<String> command = new ArrayList<>(args.subList(Math.min(i, args.size()), args.size()));
            if (command.isEmpty()) {
                command.add("echo");
            }
            List<String> input = previous == null && !stdin.isEmpty() ? splitWords(String.join(" ", stdin))
                    : stdinArguments(previous);
            if (replace != null) {
                String value = input.isEmpty() ? replace : input.get(0);
                List<String> substituted = new ArrayList<>(command.size());
                for (String part : command) {
                    substituted.add(part.replace(replace, value));
                }
                return substituted;
            }
            command.addAll(input.subList(0, Math.min(input.size(), 64)));
            return command;
        }

        private List<String> stdinArguments(CommandFact previous) {
            if (previous == null) {
                return List.of();
            }
            if (previous.name().equals("find")) {
                List<String> roots = new ArrayList<>();
                for (String arg : previous.args()) {
                    if (arg.startsWith("-") || arg.equals("(") || arg.equals("!")) {
                        break;
                    }
                    roots.add(arg);
                }
                return roots.isEmpty() ? List.of(".") : roots;
            }
            if (previous.name().equals("ls")) {
                return previous.positionals();
            }
            String output = decoder.output(previous, 0);
            return output == null ? List.of() : splitWords(output);
        }

        // ---- bookkeeping -----------------------------------------------------------------------

        private CommandFact emit(String name, List<String> args, List<String> writes, List<String> reads,
                                 CommandFact previous, List<CommandFact> feeders, List<String> stdin, String origin) {
            if (facts.size() >= maxFacts) {
                tooComplex = true;
                return null;
            }
            CommandFact fact = new CommandFact(facts.size(), name, args, writes, reads, previous, feeders, env.cwd(),
                    stdin, origin);
            facts.add(fact);
            return fact;
        }

        private boolean assignment(String field) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                return false;
            }
            int nameEnd = field.charAt(eq - 1) == '+' ? eq - 1 : eq;
            for (int i = 0; i < nameEnd; i++) {
                char c = field.charAt(i);
                if (!(Character.isLetter(c) || c == '_' || (i > 0 && Character.isDigit(c)))) {
                    return false;
                }
            }
            if (nameEnd == 0) {
                return false;
            }
            String name = field.substring(0, nameEnd);
            String value = field.substring(eq + 1);
            if (nameEnd < eq) {
                String old = env.variable(name);
                value = (old == null ? "" : old) + value;
            }
            assignedChars += value.length();
            if (assignedChars > budget) {
                tooComplex = true;
                return true;
            }
            env.setVariable(name, value.length() > 65_536 ? value.substring(0, 65_536) : value);
            return true;
        }

        private void changeDirectory(List<String> args) {
            String target = null;
            for (String arg : args) {
                if (!arg.startsWith("-") || arg.equals("-")) {
                    target = arg;
                    break;
                }
            }
            if (target == null) {
                env.cwd("~");
            } else if (target.equals("-") || target.contains("$")) {
                env.cwd(LexicalPath.ESCAPED);
            } else {
                env.cwd(LexicalPath.resolve(env.cwd(), target));
            }
        }
    }

    // ---- pure helpers ---------------------------------------------------------------------------

    /** The command's canonical name: no backslashes or directories, lower case, globs resolved to a known name. */
    static String commandName(String word) {
        String name = word;
        int slash = name.lastIndexOf('/');
        if (slash >= 0 && slash < name.length() - 1) {
            name = name.substring(slash + 1);
        }
        name = name.replace("\\", "").toLowerCase(Locale.ROOT);
        if (name.endsWith(".exe")) {
            name = name.substring(0, name.length() - 4);
        }
        if (name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0) {
            for (String known : KNOWN_COMMANDS) {
                if (Glob.matches(name, known)) {
                    return known;
                }
            }
        }
        return name;
    }

    private static boolean isNumber(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return !text.isEmpty();
    }

    static List<String> splitWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (!current.isEmpty()) {
                    words.add(current.toString());
                    current.setLength(0);
                }
            } else if (c != '\'' && c != '"') {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            words.add(current.toString());
        }
        return words;
    }

    /** Index of the first argument after options (and {@code positionals} skipped positionals). */
    static int skipOptions(List<String> args, Set<String> withValue, int positionals) {
        int i = 0;
        while (i < args.size()) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                i++;
                break;
            }
            if (!arg.startsWith("-") || arg.length() == 1) {
                break;
            }
            i += withValue.contains(arg) ? 2 : 1;
        }
        return Math.min(args.size(), i + positionals);
    }

    private static String optionValue(List<String> args, Set<String> names) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (names.contains(arg) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            for (String name : names) {
                if (name.startsWith("--") && arg.startsWith(name + "=")) {
                    return arg.substring(name.length() + 1);
                }
            }
            if (arg.startsWith("-") && !arg.startsWith("--") && arg.endsWith("c") && arg.length() > 2
                    && names.contains("-c") && i + 1 < args.size()) {
                return args.get(i + 1);
            }
        }
        return null;
    }

    private static String downloadTarget(String name, List<String> args) {
        String url = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String next = i + 1 < args.size() ? args.get(i + 1) : null;
            if ((arg.equals("-o") || arg.equals("--output") || (name.equals("wget") && arg.equals("-O")))
                    && next != null) {
                return next;
            }
            if (arg.startsWith("--output-document=") || arg.startsWith("--output=")) {
                return arg.substring(arg.indexOf('=') + 1);
            }
            if (arg.contains("://")) {
                url = arg;
            }
        }
        if (url == null) {
            return null;
        }
        String path = url.substring(url.indexOf("://") + 3);
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        int slash = path.lastIndexOf('/');
        return slash < 0 || slash == path.length() - 1 ? "index.html" : path.substring(slash + 1);
    }

    private static String decodeUtf16Base64(String encoded) {
        try {
            return new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_16LE);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /** A literal that is base64 of printable text: decoded, else {@code null}. */
    static String base64Literal(String literal) {
        if (literal.length() < 8 || literal.length() % 4 == 1) {
            return null;
        }
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128 || c == '+' || c == '/' || c == '=')) {
                return null;
            }
        }
        try {
            String padded = literal.length() % 4 == 0 ? literal : literal + "==".substring(0, 4 - literal.length() % 4);
            byte[] bytes = Base64.getDecoder().decode(padded);
            for (byte b : bytes) {
                if ((b < 32 || b > 126) && b != '\n' && b != '\t') {
                    return null;
                }
            }
            return new String(bytes, StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
