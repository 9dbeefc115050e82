/**
 * The HTTP delivery adapter: a versioned REST API over the core {@link dev.hotplex.core.port.in.Engine}, turns
 * streamed as Server-Sent Events or over a WebSocket, health, readiness and an OpenAPI document. Entry points:
 * {@link dev.hotplex.adapter.http.HotplexHttpServer}, {@link dev.hotplex.adapter.http.HttpConfig},
 * {@link dev.hotplex.adapter.http.HttpModule}.
 */
package dev.hotplex.adapter.http;
