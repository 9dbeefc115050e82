/**
 * How the Claude provider starts and finds things: the command line
 * ({@link dev.hotplex.provider.claude.internal.ClaudeCommandLine}), the allow-listed environment
 * ({@link dev.hotplex.provider.claude.internal.ClaudeEnvironment}), the binary, the transcripts that make
 * a conversation resumable, the {@code --version} probe, and the connector that launches a process and
 * waits for its handshake. Sub-packages: {@code session} (the live connection), {@code wire} (the
 * stream-json codec); processes are started and supervised by the shared {@code provider-process} module.
 */
package dev.hotplex.provider.claude.internal;
