/**
 * The OpenAI Codex CLI as an agent provider: {@link dev.hotplex.provider.codex.CodexProvider} keeps one hot
 * {@code codex app-server} per session (JSON-RPC over stdio), supervised by the shared provider-process module.
 */
package dev.hotplex.provider.codex;
