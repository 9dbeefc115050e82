/**
 * Deliberately broken classes for {@code ArchitectureRulesCatchViolationsTest}: each breaks one architecture rule, to
 * prove that the rule can fail. They sit outside every package the rules allow anything in, live in test sources (so
 * {@code ArchitectureTest}'s {@code DoNotIncludeTests} import leaves them out) and are never executed.
 *
 * <p>Rules about specific hotplex packages need their fixture inside that package; those fixtures live in test-only
 * {@code violations} sub-packages of the governed packages (e.g. {@code dev.hotplex.core.model.violations}), and
 * near misses the rules must accept in {@code allowed} sub-packages (e.g.
 * {@code dev.hotplex.provider.claude.internal.wire.allowed}).
 */
package dev.hotplex.architecture.violations;
