/**
 * Process supervision shared by every provider (Claude Code, Codex, ...): the only package allowed to
 * touch {@code ProcessBuilder}, {@code Process} and {@code ProcessHandle}. Providers use the public types
 * ({@code ProcessLauncher}, {@code LaunchRequest}, {@code ChildProcess}, {@code LineHandler},
 * {@code ExitStatus}, {@code GroupTermination}, {@code LiveProcessRegistry}, {@code ExecutableLookup});
 * the rest is package-private.
 *
 * <ul>
 *   <li>{@link dev.hotplex.provider.process.ProcessLauncher} starts a command through
 *       {@code setsid}, so it leads a process group of its own, with an explicit work dir and
 *       environment;</li>
 *   <li>{@link dev.hotplex.provider.process.ChildProcess} drains stdout (line by line,
 *       bounded by a maximum line size) and stderr (a bounded tail) on virtual threads from the start,
 *       writes stdin in order on a writer thread, and ends the whole group: stdin closed, SIGTERM, grace,
 *       SIGKILL, then a check that no member is left;</li>
 *   <li>{@link dev.hotplex.provider.process.ProcessGroupKiller} signals a whole group and
 *       checks it is empty through {@code /proc};</li>
 *   <li>{@link dev.hotplex.provider.process.LiveProcessRegistry} knows every live group,
 *       kills them all on close and on JVM shutdown, and records each on disk until it is gone;</li>
 *   <li>{@link dev.hotplex.provider.process.OrphanReaper} ends the groups that a SIGKILLed
 *       engine recorded in its {@link dev.hotplex.provider.process.GroupRecordStore} and left
 *       running.</li>
 * </ul>
 * Linux only: process groups are found through {@code /proc}.
 */
package dev.hotplex.provider.process;
