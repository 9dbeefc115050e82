package dev.hotplex.core.model;

/** Where the firewall stopped something. */
public enum BlockLayer {
    /** The user's prompt, before it reached the agent. */
    PROMPT,
    /** A tool call the agent tried to make. */
    TOOL_CALL
}
