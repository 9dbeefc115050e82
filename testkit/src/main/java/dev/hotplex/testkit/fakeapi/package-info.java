/** What the fake model APIs (Anthropic, OpenAI) share: the HTTP server, its one recorded endpoint, the request log. */
package dev.hotplex.testkit.fakeapi;
