/**
 * The rule-pack firewall: {@link dev.hotplex.waf.RulePackContentPolicy} implements core's
 * {@code ContentPolicy}, configured by {@link dev.hotplex.waf.WafConfig} and bound by
 * {@link dev.hotplex.waf.WafModule}; {@link dev.hotplex.waf.AuditLog} records every block, bypass
 * and permission decision. Everything else is in {@code internal} and not part of the API.
 */
package dev.hotplex.waf;
