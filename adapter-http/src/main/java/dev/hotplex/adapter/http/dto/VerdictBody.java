package dev.hotplex.adapter.http.dto;

/** The firewall's verdict: {@code blocked=false} and nulls, or the rule that matched and why. */
public record VerdictBody(boolean blocked, String ruleId, String category, String severity, String reason,
                          String matched, String suggestion) {
}
