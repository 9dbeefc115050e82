/**
 * One hot Claude CLI process seen as a core {@code AgentConnection}: turns written to its stdin, its
 * stdout routed to the running turn's listener, the control protocol (initialize handshake, interrupt,
 * permission requests) answered, and exactly one completion per turn whatever happens to the process.
 */
package dev.hotplex.provider.claude.internal.session;
