package dev.hotplex.waf.internal.violations;

/** Test-only fixture: an internal class of the WAF module. */
public final class RuleMatcher {
}
