package dev.hotplex.core.service;

/** What the engine does with a tool-permission request that the firewall did not block. */
public enum ToolApproval {
    /** Forward it to the caller as a {@code permission_request} event and wait for an answer (denied on timeout). */
    ASK,
    /** Allow it without asking. */
    ALLOW,
    /** Deny it without asking. */
    DENY
}
