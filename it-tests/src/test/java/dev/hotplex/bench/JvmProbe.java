package dev.hotplex.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What another JVM on this machine holds, seen from outside as an operator would: used heap after a full GC
 * ({@code jcmd GC.run}, then {@code GC.heap_info}), and its threads and resident memory from {@code /proc}.
 */
final class JvmProbe {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final long pid;
    private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");

    JvmProbe(long pid) {
        this.pid = pid;
    }

    /** Used heap in KiB right after a full collection. */
    long heapKbAfterGc() {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher used = USED.matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("no used heap in jcmd GC.heap_info of " + pid + ":\n" + info);
        }
        return Long.parseLong(used.group(1));
    }

    /** Native threads of the JVM (Java platform threads plus the VM's own: GC, JIT, ...). */
    long threads() {
        return status("Threads:");
    }

    long rssKb() {
        return status("VmRSS:");
    }

    private long status(String key) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(line -> line.startsWith(key))
                    .mapToLong(line -> Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no " + key + " for " + pid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String jcmd(String command) {
        try {
            Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jcmd", e);
        }
    }
}
