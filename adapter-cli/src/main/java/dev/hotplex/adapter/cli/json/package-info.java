/**
 * The command line's JSON: {@code run --json} events, {@code check --jsonl} lines and compact tool inputs. The only
 * package of adapter-cli that may use Jackson; its public methods speak Strings and core types only.
 */
package dev.hotplex.adapter.cli.json;
