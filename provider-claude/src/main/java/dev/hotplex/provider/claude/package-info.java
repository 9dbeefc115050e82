/**
 * The Claude Code CLI as a hotplex {@code AgentProvider}: {@link dev.hotplex.provider.claude.ClaudeProvider}
 * runs one hot {@code claude -p --input-format stream-json ...} process per session, configured by
 * {@link dev.hotplex.provider.claude.ClaudeProviderConfig} and bound for Guice by
 * {@link dev.hotplex.provider.claude.ClaudeProviderModule}. Everything else is internal.
 */
package dev.hotplex.provider.claude;
