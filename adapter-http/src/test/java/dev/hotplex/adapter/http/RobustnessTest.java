package dev.hotplex.adapter.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of malformed or hostile requests: every answer is a 4xx in the error shape, nothing reaches the engine,
 * and the server still serves a normal turn afterwards.
 */
class RobustnessTest {
    static final int REQUESTS = 2000;
    static final String[] HOSTILE_IDS = {"..", "../..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "a%00b", "a%0D%0Ab", "-x",
            ".x", "%E2%80%AE", "%F0%9F%92%A3", "x".repeat(300), "a%20b", "a%5Cb", "%25", "a;b", "a'b", "a\"b".replace(
            "\"", "%22"), "%7B%7D", "a*", "$HOME", "%C0%AE%C0%AE"};

    @TempDir
    Path workspace;

    @Test
    void hostileRequestsAreAll4xxInTheErrorShapeAndTheServerStillServes() throws Exception {
        try (TestServer t = new TestServer(workspace, http -> http.withLimits(256 * 1024, 10_000))) {
            List<Function<Random, Api.Reply>> attacks = attacks(t);
            List<String> problems = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < REQUESTS; i++) {
                    long seed = i;
                    results.add(pool.submit(() -> {
                        int kind = new Random(seed).nextInt(attacks.size());
                        Api.Reply reply;
                        try {
                            reply = attacks.get(kind).apply(new Random(seed));
                        } catch (java.io.UncheckedIOException stalePooledConnection) {
                            // the JDK client may pick a pooled connection the server just closed (after a 413 or
                            // 431 it must close, as the rest of that request is unread): one retry tells that apart
                            // from a server that really answers nothing
                            try {
                                reply = attacks.get(kind).apply(new Random(seed));
                            } catch (RuntimeException e) {
                                return "attack " + kind + " seed " + seed + " -> " + e;
                            }
                        }
                        boolean ok = reply.status() >= 400 && reply.status() < 500 && reply.hasErrorShape();
                        return ok ? null : "attack " + kind + " seed " + seed + " -> " + reply.status() + " "
                                + reply.body().substring(0, Math.min(200, reply.body().length()));
                    }));
                }
                for (Future<String> result : results) {
                    String problem = result.get();
                    if (problem != null) {
                        problems.add(problem);
                    }
                }
            }
            assertThat(problems).isEmpty();
            assertThat(rawGarbage(t.server.port())).startsWith("HTTP/1.1 4");
            assertThat(t.provider.turnInputs()).isEmpty();
            assertThat(t.engine.sessions()).isEmpty();

            Api.Sse sse = t.a.turn("after-the-storm", "still there?");
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.last().event()).isEqualTo("session_stats");
        }
    }

    private static List<Function<Random, Api.Reply>> attacks(TestServer t) {
        List<Function<Random, Api.Reply>> attacks = new ArrayList<>();
        // random bytes as a turn body
        attacks.add(random -> {
            byte[] junk = new byte[random.nextInt(2048) + 1];
            random.nextBytes(junk);
            if (junk[0] == '{') {
                junk[0] = '!';
            }
            return t.a.send(t.a.request("/v1/sessions/s/turns").POST(HttpRequest.BodyPublishers.ofByteArray(junk))
                    .build());
        });
        // hostile session ids
        attacks.add(random -> t.a.post("/v1/sessions/" + HOSTILE_IDS[random.nextInt(HOSTILE_IDS.length)] + "/turns",
                Api.prompt("hi")));
        attacks.add(random -> t.a.get("/v1/sessions/" + HOSTILE_IDS[random.nextInt(HOSTILE_IDS.length)]));
        // deep JSON
        attacks.add(random -> {
            int depth = 40 + random.nextInt(5000);
            return t.a.post("/v1/sessions/s/turns", "{\"prompt\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
        });
        // unicode junk with unknown fields and wrong types
        attacks.add(random -> t.a.post("/v1/sessions/s/turns", "{\"prompt\":\"" + unicode(random)
                + "\",\"" + unicode(random).replace("\"", "") + "x\":1}"));
        attacks.add(random -> t.a.post("/v1/sessions/s/turns", "{\"prompt\":" + random.nextInt() + "}"));
        // huge headers
        attacks.add(random -> t.a.send(t.a.request("/v1/sessions").header("X-Junk", "j".repeat(20_000
                + random.nextInt(60_000))).GET().build()));
        // no or bad key
        attacks.add(random -> t.anonymous().post("/v1/sessions/s/turns", Api.prompt("hi")));
        attacks.add(random -> new Api(t.server.port(), unicode(random).replaceAll("[^\\x21-\\x7e]", "k"))
                .get("/v1/sessions"));
        // too large body, unknown routes, wrong methods, bad permission answers
        attacks.add(random -> t.a.post("/v1/sessions/s/turns", Api.prompt("p".repeat(300 * 1024))));
        attacks.add(random -> t.a.get("/v1/" + URLEncoder.encode(unicode(random), StandardCharsets.UTF_8)));
        attacks.add(random -> t.a.send(t.a.request("/v1/sessions/s/turns").PUT(HttpRequest.BodyPublishers
                .ofString("{}")).build()));
        attacks.add(random -> t.a.post("/v1/sessions/s/permissions/" + HOSTILE_IDS[random.nextInt(
                HOSTILE_IDS.length)], "{\"decision\":\"allow\"}"));
        attacks.add(random -> t.a.post("/v1/sessions/s/permissions/r1", "{\"decision\":" + random.nextInt() + "}"));
        attacks.add(random -> t.a.post("/v1/check", "{\"text\":" + unicode(random).length() + ",\"x\":[}"));
        return attacks;
    }

    private static String unicode(Random random) {
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(40);
        for (int i = 0; i < length; i++) {
            int codePoint = random.nextInt(0x2FFFF);
            if (Character.isValidCodePoint(codePoint) && !Character.isSurrogate((char) codePoint)
                    && codePoint >= 0x20 && codePoint != '"' && codePoint != '\\') {
                text.appendCodePoint(codePoint);
            }
        }
        return text.isEmpty() ? "u" : text.toString();
    }

    /** Not HTTP at all: answered with a 4xx status line, not a hang or a 5xx. */
    private static String rawGarbage(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("\u0001\u0002GARBAGE / HTTP/9.9\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            return new String(head, StandardCharsets.ISO_8859_1);
        }
    }
}
