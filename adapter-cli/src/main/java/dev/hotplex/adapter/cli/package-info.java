/** The {@code hotplex} command line: picocli commands over the core Engine, and the only code that prints to the terminal. */
package dev.hotplex.adapter.cli;
