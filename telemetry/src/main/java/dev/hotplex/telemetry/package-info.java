/**
 * OpenTelemetry traces and metrics behind core's {@link dev.hotplex.core.port.out.EngineObserver} port, written against
 * the OpenTelemetry API only: {@link dev.hotplex.telemetry.TelemetryObserver} (spans and metrics of turns),
 * {@link dev.hotplex.telemetry.EngineMetrics}, {@link dev.hotplex.telemetry.ResilienceEventBridge}; every name in
 * {@link dev.hotplex.telemetry.TelemetryNames}. The SDK and exporters live in {@code dev.hotplex.telemetry.sdk}.
 */
package dev.hotplex.telemetry;
