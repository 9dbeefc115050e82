package dev.hotplex.waf.internal.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;

/**
 * A command that runs another command given as its arguments ({@code sudo}, {@code env},
 * {@code nohup}, {@code timeout 5}, {@code chroot DIR}, {@code busybox} ...): which of its options take
 * a value, and how many positional arguments precede the wrapped command.
 */
record Wrapper(Set<String> optionsWithValue, String shortOptionsWithValue, int positionals, boolean runsShellWhenEmpty) {

    private static final Map<String, Wrapper> WRAPPERS = Map.ofEntries(
            entry("sudo", new Wrapper(Set.of("--user", "--group", "--host", "--prompt", "--close-from", "--chdir",
                    "--role", "--type", "--other-user", "--command-timeout", "-u", "-g", "-h", "-p", "-C", "-D", "-r",
                    "-t", "-U", "-T", "-R"), "ughpCDrtUTR", 0, false)),
            entry("doas", new Wrapper(Set.of("-u", "-C"), "uC", 0, false)),
            entry("pkexec", new Wrapper(Set.of("--user"), "", 0, false)),
            entry("runuser", new Wrapper(Set.of("-u", "-g", "-G", "--user", "--group", "--supp-group"), "ugG", 0,
                    false)),
            entry("env", new Wrapper(Set.of("-u", "--unset", "-C", "--chdir", "-S", "--split-string"), "uCS", 0,
                    false)),
            entry("nohup", new Wrapper(Set.of(), "", 0, false)),
            entry("setsid", new Wrapper(Set.of(), "", 0, false)),
            entry("time", new Wrapper(Set.of("-f", "-o", "--format", "--output"), "fo", 0, false)),
            entry("command", new Wrapper(Set.of(), "", 0, false)),
            entry("builtin", new Wrapper(Set.of(), "", 0, false)),
            entry("exec", new Wrapper(Set.of("-a"), "a", 0, false)),
            entry("nice", new Wrapper(Set.of("-n", "--adjustment"), "n", 0, false)),
            entry("ionice", new Wrapper(Set.of("-c", "-n", "-p", "-P", "-u", "--class", "--classdata"), "cnpPu", 0,
                    false)),
            entry("stdbuf", new Wrapper(Set.of("-i", "-o", "-e", "--input", "--output", "--error"), "ioe", 0, false)),
            entry("unbuffer", new Wrapper(Set.of(), "", 0, false)),
            entry("chrt", new Wrapper(Set.of(), "", 1, false)),
            entry("taskset", new Wrapper(Set.of(), "", 1, false)),
            entry("timeout", new Wrapper(Set.of("-s", "-k", "--signal", "--kill-after"), "sk", 1, false)),
            entry("gtimeout", new Wrapper(Set.of("-s", "-k", "--signal", "--kill-after"), "sk", 1, false)),
            entry("flock", new Wrapper(Set.of("-w", "-E", "--timeout", "--conflict-exit-code"), "wE", 1, false)),
            entry("caffeinate", new Wrapper(Set.of("-t", "-w"), "tw", 0, false)),
            entry("proxychains", new Wrapper(Set.of("-f"), "f", 0, false)),
            entry("proxychains4", new Wrapper(Set.of("-f"), "f", 0, false)),
            entry("torsocks", new Wrapper(Set.of("-u", "-p", "-a", "-P"), "upaP", 0, false)),
            entry("tsocks", new Wrapper(Set.of(), "", 0, false)),
            entry("strace", new Wrapper(Set.of("-o", "-e", "-p", "-s", "-u", "-E", "-a", "-b", "-I", "-O", "-S", "-X",
                    "-P"), "oepsuEabIOSXP", 0, false)),
            entry("ltrace", new Wrapper(Set.of("-o", "-e", "-p", "-s", "-u", "-n", "-a"), "oepsuna", 0, false)),
            entry("systemd-run", new Wrapper(Set.of("-p", "--property", "--unit", "-u", "--uid", "--gid",
                    "--description", "--slice", "-E", "--setenv", "--working-directory", "-M", "--machine",
                    "--on-active", "--on-calendar", "--on-boot", "--on-unit-active"), "puEM", 0, false)),
            entry("xvfb-run", new Wrapper(Set.of("-n", "-s", "-f", "-e", "-p", "-w"), "nsfepw", 0, false)),
            entry("catchsegv", new Wrapper(Set.of(), "", 0, false)),
            entry("busybox", new Wrapper(Set.of(), "", 0, false)),
            entry("toybox", new Wrapper(Set.of(), "", 0, false)),
            entry("chroot", new Wrapper(Set.of("--userspec", "--groups"), "", 1, true)),
            entry("nsenter", new Wrapper(Set.of("-t", "--target", "-S", "-G", "-w", "-r", "--setuid", "--setgid"),
                    "tSGwr", 0, true)),
            entry("unshare", new Wrapper(Set.of("--map-user", "--map-group"), "", 0, true)),
            entry("firejail", new Wrapper(Set.of(), "", 0, false)),
            entry("npx", new Wrapper(Set.of("-p", "--package", "-c", "--call"), "pc", 0, false)),
            entry("pnpx", new Wrapper(Set.of("-p", "--package"), "p", 0, false)),
            entry("bunx", new Wrapper(Set.of("-p", "--package"), "p", 0, false)),
            entry("uvx", new Wrapper(Set.of("--from", "--with", "-p", "--python"), "p", 0, false)));

    static Wrapper of(String name) {
        return WRAPPERS.get(name);
    }

    /** The wrapped command line: options, {@code NAME=VALUE} pairs (for env) and leading positionals skipped. */
    List<String> inner(List<String> args) {
        List<String> prefix = new ArrayList<>();
        int i = 0;
        while (i < args.size()) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                i++;
                break;
            }
            if (arg.indexOf('=') > 0 && !arg.startsWith("-") && positionals == 0 && isName(arg)) {
                i++;
                continue;
            }
            if (!arg.startsWith("-") || arg.length() == 1 || isNumericNice(arg)) {
                if (isNumericNice(arg)) {
                    i++;
                    continue;
                }
                break;
            }
            String value = null;
            boolean takesNext = false;
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                } else {
                    takesNext = optionsWithValue.contains(arg);
                }
            } else {
                for (int k = 1; k < arg.length(); k++) {
                    if (shortOptionsWithValue.indexOf(arg.charAt(k)) >= 0) {
                        if (k == arg.length() - 1) {
                            takesNext = true;
                        } else {
                            value = arg.substring(k + 1);
                        }
                        arg = arg.substring(0, k + 1);
                        break;
                    }
                }
            }
            if (takesNext) {
                value = i + 1 < args.size() ? args.get(i + 1) : "";
                i++;
            }
            if (value != null && (arg.equals("-S") || arg.equals("--split-string"))) {
                prefix.addAll(CommandAnalyzer.splitWords(value));
            }
            i++;
        }
        i = Math.min(args.size(), i + positionals);
        List<String> inner = new ArrayList<>(prefix);
        inner.addAll(args.subList(i, args.size()));
        return inner;
    }

    private static boolean isName(String assignment) {
        int eq = assignment.indexOf('=');
        for (int i = 0; i < eq; i++) {
            char c = assignment.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumericNice(String arg) {
        if (arg.length() < 2 || arg.charAt(0) != '-') {
            return false;
        }
        for (int i = 1; i < arg.length(); i++) {
            if (!Character.isDigit(arg.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
