package dev.hotplex.architecture.violations;

/** A class named *Manager. */
public final class SessionManager {
}
