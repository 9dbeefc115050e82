package dev.hotplex.waf.internal.rules;

/** Where a rule applies: the user's prompt, or commands (the agent's tool calls and {@code hotplex check}). */
public enum Layer {
    PROMPT, COMMAND
}
