/** One hot {@code codex app-server} process as a core {@code AgentConnection}: handshake, turns, approvals, stop. */
package dev.hotplex.provider.codex.internal.session;
