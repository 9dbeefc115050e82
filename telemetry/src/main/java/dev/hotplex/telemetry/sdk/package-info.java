/**
 * The one package that builds the OpenTelemetry SDK and its exporters ({@link dev.hotplex.telemetry.sdk.TelemetrySdk}),
 * including the Prometheus text scrape ({@link dev.hotplex.telemetry.sdk.PrometheusScrape}).
 */
package dev.hotplex.telemetry.sdk;
