/** Driven ports: what the engine needs from providers, the firewall, telemetry, storage, time and ids. */
package dev.hotplex.core.port.out;
