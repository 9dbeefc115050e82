/** Starting Codex processes: binary, environment, the session → thread record, the version probe. */
package dev.hotplex.provider.codex.internal;
