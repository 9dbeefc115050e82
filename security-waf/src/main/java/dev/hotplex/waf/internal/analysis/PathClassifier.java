package dev.hotplex.waf.internal.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Classifies the paths commands name. Paths are canonicalised lexically first ({@code .}, {@code ..},
 * duplicate slashes, {@code ~user}); a path counts as allowed only when it lies at or below an allowed
 * root segment by segment (so {@code /tmpfoo} is not under {@code /tmp}) and, when it exists on this
 * host, its real path (symbolic links followed) is still there. Allowed roots that would allow
 * everything ({@code /}, a top-level system directory, a home directory itself) are refused.
 */
public final class PathClassifier {
    private static final Set<String> SYSTEM_DIRS = Set.of("bin", "boot", "dev", "etc", "lib", "lib32", "lib64",
            "libx32", "opt", "proc", "run", "sbin", "srv", "sys", "usr", "var", "snap", "system", "library",
            "applications", "private", "volumes", "mnt", "media", "nix", "lost+found", "cdrom", "efi", "cores");
    private static final Set<String> HARMLESS_DEVICES = Set.of("/dev/null", "/dev/stdout", "/dev/stderr",
            "/dev/stdin", "/dev/tty", "/dev/zero", "/dev/random", "/dev/urandom", "/dev/ptmx", "/dev/full");
    private static final List<String> TEMP_ROOTS = List.of("/tmp", "/var/tmp", "/private/tmp", "/dev/shm",
            "/private/var/folders", "/var/folders");
    private static final Set<String> CRITICAL_HOME_ENTRIES = Set.of(".ssh", ".gnupg", ".aws", ".config", ".kube",
            ".docker", ".local", ".azure", ".gcloud", ".bashrc", ".profile", ".zshrc", ".bash_profile", "library",
            "documents", "desktop", ".password-store", ".vault-token");
    private static final List<String> DEVICE_PREFIXES = List.of("/dev/sd", "/dev/hd", "/dev/vd", "/dev/xvd",
            "/dev/nvme", "/dev/mmcblk", "/dev/disk", "/dev/rdisk", "/dev/md", "/dev/dm-", "/dev/mapper/", "/dev/loop",
            "/dev/sr", "/dev/mem", "/dev/kmem", "/dev/port", "/dev/root", "/dev/xda", "/dev/ubd", "/dev/fd0");
    private static final List<String> PERSISTENCE_SYSTEM = List.of("/etc/cron", "/var/spool/cron", "/etc/anacrontab",
            "/etc/systemd/", "/lib/systemd/system", "/usr/lib/systemd/", "/etc/init.d/", "/etc/init/", "/etc/rc.local",
            "/etc/rc", "/etc/profile", "/etc/bash.bashrc", "/etc/bashrc", "/etc/zsh/", "/etc/zshrc",
            "/etc/environment", "/etc/ld.so.preload", "/etc/update-motd.d/", "/etc/xdg/autostart",
            "/library/launchdaemons", "/library/launchagents", "/etc/periodic", "/var/spool/at");
    private static final List<String> PERSISTENCE_HOME = List.of(".bashrc", ".bash_profile", ".bash_login",
            ".bash_logout", ".profile", ".zshrc", ".zprofile", ".zshenv", ".zlogin", ".config/fish/config.fish",
            ".config/systemd/", ".config/autostart", ".ssh/authorized_keys", ".ssh/rc", "library/launchagents",
            ".xinitrc", ".xprofile", ".pam_environment", ".local/share/systemd", ".config/upstart");
    private static final List<String> PRIVILEGE_FILES = List.of("/etc/sudoers", "/etc/passwd", "/etc/shadow",
            "/etc/group", "/etc/gshadow", "/etc/pam.d", "/etc/security/", "/etc/polkit-1", "/etc/doas.conf",
            "/etc/master.passwd");
    private static final List<String> SECRET_HOME = List.of(".aws/credentials", ".aws/config", ".config/gcloud/",
            ".azure/", ".kube/config", ".docker/config.json", ".netrc", ".git-credentials", ".npmrc", ".pypirc",
            ".pgpass", ".my.cnf", ".gnupg/", ".password-store/", ".vault-token", ".config/gh/hosts.yml",
            ".terraform.d/credentials", ".cargo/credentials", ".gem/credentials", ".m2/settings-security.xml",
            ".ssh/id", ".ssh/*", ".ssh/?", ".aws/*", ".config/hub", ".boto", ".s3cfg", ".pulumi/credentials",
            ".databrickscfg", ".oci/", ".config/doctl/");
    private static final Set<String> SECRET_HOME_DIRS = Set.of(".ssh", ".aws", ".gnupg", ".kube", ".azure",
            ".config/gcloud", ".password-store", ".docker");
    private static final List<String> SECRET_SYSTEM = List.of("/etc/shadow", "/etc/gshadow", "/etc/master.passwd",
            "/var/run/secrets/", "/run/secrets/", "/etc/ssh/ssh_host_", "/etc/ssl/private/", "/root/.ssh/",
            "/etc/kubernetes/admin.conf", "/etc/kubernetes/pki/", "/var/lib/kubelet/pki");
    private static final List<String> SECRET_SUFFIXES = List.of(".pem", ".key", ".p12", ".pfx", ".jks", ".keystore",
            ".ppk", "_rsa", "_dsa", "_ecdsa", "_ed25519", ".tfstate", ".kdbx", ".ovpn");
    private static final List<String> LOG_HOME = List.of(".bash_history", ".zsh_history", ".history",
            ".local/share/fish/fish_history", ".python_history", ".mysql_history", ".psql_history", ".node_repl_history",
            ".sqlite_history", ".lesshst", ".viminfo");

    private final List<String> allowedRoots;
    private final String home;

    public PathClassifier(List<Path> allowedRoots, Path home) {
        this.home = normaliseAbsolute(requireNonNull(home, "home is null").toString());
        List<String> roots = new ArrayList<>();
        for (Path root : requireNonNull(allowedRoots, "allowedRoots is null")) {
            String text = normaliseAbsolute(root.toAbsolutePath().toString());
            if (!isTooBroad(text)) {
                roots.add(text);
            }
        }
        this.allowedRoots = List.copyOf(roots);
    }

    /** The allowed roots in effect (too broad ones dropped). */
    public List<String> allowedRoots() {
        return allowedRoots;
    }

    /** Whether allowing {@code path} would allow all of the system, a system directory or a home. */
    public boolean isTooBroad(String absolute) {
        String path = normaliseAbsolute(absolute);
        if (path.equals("/") || path.equals(home) || path.startsWith(home + "/") && path.indexOf('/', home.length() + 1) < 0
                && path.substring(home.length() + 1).startsWith(".")) {
            return true;
        }
        String[] segments = path.substring(1).split("/");
        if (segments.length == 1) {
            return true;
        }
        return segments.length == 2 && (SYSTEM_DIRS.contains(segments[0].toLowerCase(java.util.Locale.ROOT))
                || segments[0].equals("home") || segments[0].equals("Users"));
    }

    public Set<PathTrait> classify(String raw, String cwd) {
        EnumSet<PathTrait> traits = EnumSet.noneOf(PathTrait.class);
        if (raw.isEmpty() || raw.contains("://") || raw.equals("-")) {
            return traits;
        }
        String path = raw;
        int colon = path.indexOf(':');
        if (colon > 0 && !path.startsWith("/") && !path.startsWith("~") && !path.startsWith(".")
                && path.lastIndexOf('/', colon) < 0) {
            traits.add(PathTrait.REMOTE);
            path = path.substring(colon + 1);
            if (path.isEmpty()) {
                path = "~";
            }
        }
        if (HARMLESS_DEVICES.contains(path) || path.startsWith("/dev/fd/") || path.startsWith("/dev/pts/")) {
            return traits;
        }
        if (path.indexOf('$') >= 0) {
            traits.add(PathTrait.DYNAMIC);
            path = wildcardExpansions(path);
        }
        String resolved = LexicalPath.resolve(cwd, path);
        if (resolved.equals(LexicalPath.ESCAPED)) {
            traits.add(PathTrait.OUTSIDE);
            secrets(resolvedName(path), "", traits);
            return traits;
        }
        if (!resolved.startsWith("/") && !resolved.startsWith("~")) {
            traits.add(PathTrait.WORKDIR);
            traits.add(PathTrait.ALLOWED);
            secrets(resolved, "", traits);
            return traits;
        }
        String absolute = resolved.startsWith("~") ? home + resolved.substring(1) : resolved;
        if (traits.contains(PathTrait.REMOTE)) {
            if (resolved.equals("/") || resolved.equals("~") || resolved.equals("/root")) {
                traits.add(resolved.equals("/") ? PathTrait.ROOT : PathTrait.HOME_ROOT);
            }
            secrets(resolved.toLowerCase(java.util.Locale.ROOT), "", traits);
            return traits;
        }
        String homeRelative = homeRelative(resolved);
        if (homeRelative != null) {
            homeTraits(homeRelative, traits);
        } else {
            systemTraits(resolved, traits);
        }
        String lower = resolved.toLowerCase(java.util.Locale.ROOT);
        for (String prefix : DEVICE_PREFIXES) {
            if (lower.startsWith(prefix)) {
                traits.add(PathTrait.DEVICE);
            }
        }
        for (String prefix : PERSISTENCE_SYSTEM) {
            if (lower.startsWith(prefix)) {
                traits.add(PathTrait.PERSISTENCE);
            }
        }
        for (String prefix : PRIVILEGE_FILES) {
            if (lower.startsWith(prefix)) {
                traits.add(PathTrait.PRIVILEGE);
            }
        }
        if (lower.startsWith("/var/log") || lower.equals("/var/run/utmp") || lower.equals("/run/utmp")
                || lower.startsWith("/var/audit") || lower.startsWith("/private/var/log")) {
            traits.add(PathTrait.LOG);
        }
        secrets(lower, homeRelative == null ? "" : homeRelative.toLowerCase(java.util.Locale.ROOT), traits);
        if (isTemp(lower) || isAllowed(absolute)) {
            traits.add(PathTrait.ALLOWED);
            if (isTemp(lower)) {
                traits.add(PathTrait.TEMP);
            }
        } else if (!traits.contains(PathTrait.REMOTE)) {
            traits.add(PathTrait.OUTSIDE);
        }
        return traits;
    }

    private static String resolvedName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** {@code ${X}}, {@code $X} and {@code $(...)} become {@code *}: they could be anything. */
    private static String wildcardExpansions(String path) {
        StringBuilder out = new StringBuilder(path.length());
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            out.append('*');
            i++;
            if (i < path.length() && (path.charAt(i) == '{' || path.charAt(i) == '(')) {
                char close = path.charAt(i) == '{' ? '}' : ')';
                int end = path.indexOf(close, i);
                i = end < 0 ? path.length() : end + 1;
            } else {
                while (i < path.length() && (Character.isLetterOrDigit(path.charAt(i)) || path.charAt(i) == '_')) {
                    i++;
                }
            }
        }
        return out.toString();
    }

    /** The part of a path below a home directory ({@code ""} for the home itself), or {@code null}. */
    private String homeRelative(String resolved) {
        if (resolved.equals("~")) {
            return "";
        }
        if (resolved.startsWith("~/")) {
            return resolved.substring(2);
        }
        if (resolved.equals(home)) {
            return "";
        }
        if (resolved.startsWith(home + "/")) {
            return resolved.substring(home.length() + 1);
        }
        if (resolved.equals("/root")) {
            return "";
        }
        if (resolved.startsWith("/root/")) {
            return resolved.substring(6);
        }
        for (String base : List.of("/home/", "/Users/", "/users/")) {
            if (resolved.startsWith(base)) {
                String below = resolved.substring(base.length());
                int slash = below.indexOf('/');
                return slash < 0 ? "" : below.substring(slash + 1);
            }
        }
        return null;
    }

    private static void homeTraits(String relative, EnumSet<PathTrait> traits) {
        traits.add(PathTrait.HOME);
        String first = relative.isEmpty() ? "" : relative.split("/", 2)[0].toLowerCase(java.util.Locale.ROOT);
        if (relative.isEmpty() || isGlobOnly(first)) {
            traits.add(PathTrait.HOME_ROOT);
            return;
        }
        int depth = relative.split("/").length;
        String last = relative.substring(relative.lastIndexOf('/') + 1);
        if (CRITICAL_HOME_ENTRIES.contains(first) && (depth == 1 || depth == 2 && isGlobOnly(last))
                || first.indexOf('*') >= 0 && depth == 1) {
            traits.add(PathTrait.HOME_CRITICAL);
        }
        String lower = relative.toLowerCase(java.util.Locale.ROOT);
        for (String entry : PERSISTENCE_HOME) {
            if (lower.startsWith(entry)) {
                traits.add(PathTrait.PERSISTENCE);
            }
        }
        for (String entry : LOG_HOME) {
            if (lower.equals(entry) || lower.startsWith(entry + "/")) {
                traits.add(PathTrait.LOG);
            }
        }
    }

    private static void systemTraits(String resolved, EnumSet<PathTrait> traits) {
        if (resolved.equals("/")) {
            traits.add(PathTrait.ROOT);
            return;
        }
        String[] segments = resolved.substring(1).split("/");
        String first = segments[0].toLowerCase(java.util.Locale.ROOT);
        if (first.indexOf('*') >= 0 || first.indexOf('?') >= 0 || first.indexOf('[') >= 0) {
            traits.add(PathTrait.ROOT);
            return;
        }
        if (first.equals("home") || first.equals("users")) {
            traits.add(PathTrait.HOME);
            traits.add(PathTrait.HOME_ROOT);
            return;
        }
        String lower = resolved.toLowerCase(java.util.Locale.ROOT);
        if (SYSTEM_DIRS.contains(first) && !isTemp(lower)) {
            traits.add(PathTrait.SYSTEM);
            if (segments.length == 1 || segments.length == 2 || isGlobOnly(segments[segments.length - 1])
                    && segments.length == 3) {
                traits.add(PathTrait.SYSTEM_TOP);
            }
        }
    }

    private static boolean isGlobOnly(String segment) {
        if (segment.isEmpty()) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '*' && c != '?' && c != '.' && c != '[' && c != ']' && c != '!') {
                return false;
            }
        }
        return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0;
    }

    private static void secrets(String lowerPath, String homeRelative, EnumSet<PathTrait> traits) {
        String path = lowerPath.toLowerCase(java.util.Locale.ROOT);
        if (path.endsWith(".pub")) {
            return;
        }
        String trimmedHome = homeRelative.endsWith("/") ? homeRelative.substring(0, homeRelative.length() - 1)
                : homeRelative;
        if (SECRET_HOME_DIRS.contains(trimmedHome)) {
            traits.add(PathTrait.SECRET);
        }
        for (String prefix : SECRET_SYSTEM) {
            if (path.startsWith(prefix)) {
                traits.add(PathTrait.SECRET);
            }
        }
        if (path.startsWith("/proc/") && (path.endsWith("/environ") || path.endsWith("/mem")
                || path.endsWith("/cmdline") && path.contains("*"))) {
            traits.add(PathTrait.SECRET);
        }
        for (String entry : SECRET_HOME) {
            if (!homeRelative.isEmpty() && matchesHomeEntry(homeRelative, entry)) {
                traits.add(PathTrait.SECRET);
            }
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.endsWith(".pub")) {
            return;
        }
        if (name.equals(".env") || name.startsWith(".env.") && !name.endsWith(".example") && !name.endsWith(".sample")
                && !name.endsWith(".template") && !name.endsWith(".dist") && !name.endsWith(".defaults")
                || name.equals(".envrc")) {
            traits.add(PathTrait.SECRET);
        }
        if (name.startsWith("id_rsa") || name.startsWith("id_dsa") || name.startsWith("id_ecdsa")
                || name.startsWith("id_ed25519") || name.equals("credentials.json") || name.equals(".netrc")
                || name.equals(".git-credentials") || name.equals(".pgpass") || name.equals("secring.gpg")) {
            traits.add(PathTrait.SECRET);
        }
        for (String suffix : SECRET_SUFFIXES) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                traits.add(PathTrait.SECRET);
            }
        }
        if (path.contains("/.ssh/") && (name.indexOf('*') >= 0 || name.startsWith("id"))) {
            traits.add(PathTrait.SECRET);
        }
    }

    private static boolean matchesHomeEntry(String homeRelative, String entry) {
        if (entry.endsWith("*") || entry.endsWith("?")) {
            String prefix = entry.substring(0, entry.length() - 1);
            return homeRelative.startsWith(prefix) && homeRelative.length() > prefix.length()
                    && (homeRelative.charAt(prefix.length()) == '*' || homeRelative.charAt(prefix.length()) == '?');
        }
        return homeRelative.startsWith(entry);
    }

    private static boolean isTemp(String lower) {
        for (String root : TEMP_ROOTS) {
            if (lower.startsWith(root + "/") && lower.length() > root.length() + 1) {
                return true;
            }
        }
        return false;
    }

    private boolean isAllowed(String absolute) {
        String path = normaliseAbsolute(absolute);
        String root = rootContaining(path);
        if (root == null) {
            return false;
        }
        try {
            Path existing = Path.of(path);
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return true;
            }
            String real = normaliseAbsolute(existing.toRealPath() + path.substring(existing.toString().length()));
            String realRoot = Files.exists(Path.of(root)) ? Path.of(root).toRealPath().toString() : root;
            return real.equals(realRoot) || real.startsWith(realRoot.endsWith("/") ? realRoot : realRoot + "/")
                    || rootContaining(real) != null;
        } catch (IOException | InvalidPathException | SecurityException unresolvable) {
            return false;
        }
    }

    private String rootContaining(String path) {
        for (String root : allowedRoots) {
            if (path.equals(root) || path.startsWith(root + "/")) {
                return root;
            }
        }
        return null;
    }

    private static String normaliseAbsolute(String path) {
        String normal = LexicalPath.normalise(path.startsWith("/") ? path : "/" + path);
        return normal.length() > 1 && normal.endsWith("/") ? normal.substring(0, normal.length() - 1) : normal;
    }
}
