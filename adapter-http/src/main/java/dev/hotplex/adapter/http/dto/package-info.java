/** Request and response bodies of the HTTP API, as Jackson-bound records; mapped to core records at the edge. */
package dev.hotplex.adapter.http.dto;
