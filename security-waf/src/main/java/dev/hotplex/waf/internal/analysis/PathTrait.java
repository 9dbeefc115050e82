package dev.hotplex.waf.internal.analysis;

import java.util.Locale;

/** What a path a command names is, for rules' {@code target}, {@code dest}, {@code writes} and {@code reads}. */
public enum PathTrait {
    /** {@code /}, or a glob or variable in the first segment ({@code /*}, {@code /e*}). */
    ROOT,
    /** Under a system directory ({@code /etc}, {@code /usr}, {@code /var}, ...), temp excepted. */
    SYSTEM,
    /** A system directory itself or one level below ({@code /etc}, {@code /usr/bin}). */
    SYSTEM_TOP,
    /** A home directory itself, or all of it ({@code ~}, {@code ~/*}, {@code /home/alice}, {@code /home}). */
    HOME_ROOT,
    /** A home directory's crown jewels: {@code ~/.ssh}, {@code ~/.gnupg}, {@code ~/.aws}, {@code ~/.config}, ... */
    HOME_CRITICAL,
    /** Anywhere in a home directory. */
    HOME,
    /** Not inside the work dir, temp or an allowed path (after canonicalisation). */
    OUTSIDE,
    /** Relative to the session's work dir without climbing out of it. */
    WORKDIR,
    /** Strictly below a temp directory. */
    TEMP,
    /** Inside the work dir, temp or a configured allowed path. */
    ALLOWED,
    /** Credentials and secrets: private keys, cloud credentials, {@code .env}, {@code /etc/shadow}, environ. */
    SECRET,
    /** A block device or raw memory. */
    DEVICE,
    /** Something that runs later by itself: cron, systemd units, shell rc files, authorized_keys, launchd. */
    PERSISTENCE,
    /** Who may do what: sudoers, passwd, shadow, group, PAM. */
    PRIVILEGE,
    /** Logs and shell histories. */
    LOG,
    /** Contains an expansion that could not be resolved. */
    DYNAMIC,
    /** On another host ({@code host:path}). */
    REMOTE;

    /** The name used in rule packs, e.g. {@code home-root}. */
    public String packName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Traits that say where a path is; an allowed path never counts as any of them. */
    public boolean isLocation() {
        return this == ROOT || this == SYSTEM || this == SYSTEM_TOP || this == HOME_ROOT || this == HOME_CRITICAL
                || this == HOME || this == OUTSIDE;
    }
}
