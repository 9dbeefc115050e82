/** Immutable domain values: session ids and configs, the event model, stats, verdicts. */
package dev.hotplex.core.model;
