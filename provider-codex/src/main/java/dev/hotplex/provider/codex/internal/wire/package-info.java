/**
 * The {@code codex app-server} wire format: JSON-RPC without the {@code jsonrpc} field, one object per
 * line. The only package of provider-codex that sees Jackson: {@link dev.hotplex.provider.codex.internal.wire.CodexEncoder}
 * writes requests and answers, {@link dev.hotplex.provider.codex.internal.wire.CodexDecoder} turns each
 * line into an {@link dev.hotplex.provider.codex.internal.wire.Inbound} of plain Java values and core events.
 */
package dev.hotplex.provider.codex.internal.wire;
