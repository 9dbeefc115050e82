package dev.hotplex.adapter.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What a hostile web page can make a visitor's browser send to a hotplex on localhost: form posts and text/plain
 * (no CORS preflight), cross-origin WebSocket upgrades (browsers allow them and let the page read every message),
 * DNS-rebound requests with a foreign Host. None of them may reach the engine.
 */
class BrowserAttackTest {
    private static final String EVIL = "http://evil.example";

    @TempDir
    Path workspace;

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/json; charset=iso-8859-1", "application/xml"})
    void bodiesThatAreNotDeclaredJsonAre415(String contentType) {
        try (TestServer t = new TestServer(workspace)) {
            Api.Reply reply = t.a.send(t.a.request("/v1/sessions/s1/turns").header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(Api.prompt("hi"))).build());

            assertThat(reply.status()).isEqualTo(415);
            assertThat(reply.errorCode()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
            assertThat(reply.hasErrorShape()).isTrue();
            assertThat(t.provider.turnInputs()).isEmpty();
        }
    }

    @Test
    void jsonWithOrWithoutUtf8CharsetAndNoContentTypeAreAccepted() {
        try (TestServer t = new TestServer(workspace)) {
            for (String contentType : List.of("application/json", "application/json; charset=utf-8",
                    "Application/JSON;Charset=\"UTF-8\"")) {
                Api.Reply reply = t.a.send(t.a.request("/v1/check").header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hello\"}")).build());
                assertThat(reply.status()).as(contentType).isEqualTo(200);
            }
            assertThat(t.a.send(t.a.request("/v1/check").POST(HttpRequest.BodyPublishers.ofString(
                    "{\"text\":\"hello\"}")).build()).status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {EVIL, "null", "http://127.0.0.1:1", "file://", "http://127.0.0.1.evil.example"})
    void crossOriginRequestsAre403AndCarryNoCorsHeaders(String origin) {
        try (TestServer t = new TestServer(workspace, http -> http.withApiKeys(List.of()))) {
            Api.Reply post = t.anonymous().send(t.anonymous().request("/v1/sessions/s1/turns")
                    .header("Origin", origin).POST(HttpRequest.BodyPublishers.ofString(Api.prompt("hi"))).build());
            Api.Reply preflight = t.anonymous().send(t.anonymous().request("/v1/sessions/s1/turns")
                    .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

            assertThat(post.status()).isEqualTo(403);
            assertThat(post.errorCode()).isEqualTo("FORBIDDEN_ORIGIN");
            assertThat(preflight.status()).isBetween(400, 499);
            assertThat(post.response().headers().map().keySet())
                    .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
            assertThat(preflight.response().headers().map().keySet())
                    .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
            assertThat(t.provider.turnInputs()).isEmpty();
        }
    }

    @Test
    void theServersOwnOriginIsAllowed() {
        try (TestServer t = new TestServer(workspace, http -> http.withApiKeys(List.of()))) {
            Api.Reply reply = t.anonymous().send(t.anonymous().request("/v1/sessions")
                    .header("Origin", "http://127.0.0.1:" + t.server.port()).GET().build());

            assertThat(reply.status()).isEqualTo(200);
        }
    }

    @Test
    void aCrossOriginWebSocketNeverOpens() throws Exception {
        try (TestServer t = new TestServer(workspace, http -> http.withApiKeys(List.of()))) {
            WebSocketTest.Client client = new WebSocketTest.Client();
            Throwable failure = catchThrowable(() -> client.socket = Api.CLIENT.newWebSocketBuilder()
                    .header("Origin", EVIL)
                    .buildAsync(URI.create("ws://127.0.0.1:" + t.server.port() + "/v1/ws"), client).join());

            assertThat(failure).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode()).isEqualTo(403);

            WebSocketTest.Client sameOrigin = WebSocketTest.connect(t.server.port(), null);
            sameOrigin.send("{\"type\":\"version\",\"id\":\"v\"}");
            assertThat(sameOrigin.next().path("type").asText()).isEqualTo("result");
            sameOrigin.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutKeysAForeignHostIsRefusedAgainstDnsRebinding() throws Exception {
        try (TestServer t = new TestServer(workspace, http -> http.withApiKeys(List.of()))) {
            int port = t.server.port();
            String body = Api.prompt("hi");
            String rebound = RawHttp.exchange(port, "POST /v1/sessions/s1/turns HTTP/1.1\r\nHost: evil.example:"
                    + port + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body, 10_000);
            String loopback = RawHttp.exchange(port, "GET /v1/sessions HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nConnection: close\r\n\r\n", 10_000);

            assertThat(RawHttp.status(rebound)).isEqualTo(403);
            assertThat(rebound).contains("FORBIDDEN_ORIGIN");
            assertThat(RawHttp.status(loopback)).isEqualTo(200);
            assertThat(t.provider.turnInputs()).isEmpty();
        }
    }

    @Test
    void withKeysAnyHostIsServedSinceTheKeyIsTheProtection() throws Exception {
        try (TestServer t = new TestServer(workspace)) {
            int port = t.server.port();
            String reply = RawHttp.exchange(port, "GET /v1/sessions HTTP/1.1\r\nHost: hotplex.internal\r\n"
                    + "Authorization: Bearer " + TestServer.KEY_A + "\r\nConnection: close\r\n\r\n", 10_000);

            assertThat(RawHttp.status(reply)).isEqualTo(200);
        }
    }
}
