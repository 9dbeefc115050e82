package dev.hotplex.core.model;

/** How bad a firewall match is; ordered from least to most severe. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL
}
