/**
 * Near misses for {@code ArchitectureRulesCatchViolationsTest}: classes the rules must accept, to show that their
 * exceptions (named *Main, named *Module, nested in such a class) work. Test sources only, never executed.
 */
package dev.hotplex.architecture.allowed;
