/**
 * The Claude Code CLI's stream-json wire format: the only package that may import Jackson.
 *
 * <ul>
 *   <li>{@link dev.hotplex.provider.claude.internal.wire.WireMapperFactory} builds the one shared
 *       {@code ObjectMapper} that every class here takes by constructor;</li>
 *   <li>{@link dev.hotplex.provider.claude.internal.wire.ClaudeInputEncoder} writes the lines sent
 *       to the CLI's stdin;</li>
 *   <li>{@link dev.hotplex.provider.claude.internal.wire.ClaudeLineDecoder} turns one stdout line
 *       into a {@link dev.hotplex.provider.claude.internal.wire.ClaudeMessage}, never throwing;</li>
 *   <li>{@link dev.hotplex.provider.claude.internal.wire.TurnEventMapper} turns the messages of one
 *       turn into core {@code AgentEvent}s and, at the end, a {@code TurnCompletion}.</li>
 * </ul>
 * JSON values leave this package as plain Java values (Map, List, String, Long, BigInteger,
 * BigDecimal, Double, Boolean, null), so nothing outside it sees a Jackson type.
 */
package dev.hotplex.provider.claude.internal.wire;
