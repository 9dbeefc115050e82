package dev.hotplex.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A JDK HttpClient speaking to one TestServer as one tenant (or none). */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final int port;
    final String key;

    Api(int port, String key) {
        this.port = port;
        this.key = key;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    Reply get(String path) {
        return send(request(path).GET().build());
    }

    Reply delete(String path) {
        return send(request(path).DELETE().build());
    }

    Reply post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A turn as one JSON document. */
    Reply turnJson(String sessionId, String prompt) {
        return send(request("/v1/sessions/" + sessionId + "/turns").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(prompt(prompt))).build());
    }

    /** A streamed turn, read to its end. */
    Sse turn(String sessionId, String prompt) {
        HttpResponse<InputStream> response = open(sessionId, prompt);
        return Sse.read(response);
    }

    HttpResponse<InputStream> open(String sessionId, String prompt) {
        return open(sessionId, prompt, "text/event-stream");
    }

    /** Starts a turn and returns as soon as the response headers arrived; the body is left to the caller. */
    HttpResponse<InputStream> open(String sessionId, String prompt, String accept) {
        try {
            return CLIENT.send(request("/v1/sessions/" + sessionId + "/turns").header("Accept", accept)
                    .POST(HttpRequest.BodyPublishers.ofString(prompt(prompt))).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String prompt(String prompt) {
        try {
            return JSON.writeValueAsString(java.util.Map.of("prompt", prompt));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Reply(int status, String body, HttpResponse<String> response) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String errorCode() {
            return json().path("error").path("code").asText();
        }

        /** Asserts-free check of the one error shape. */
        boolean hasErrorShape() {
            try {
                JsonNode error = JSON.readTree(body).path("error");
                return error.path("code").isTextual() && error.path("message").isTextual()
                        && error.path("requestId").isTextual();
            } catch (IOException e) {
                return false;
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    /** A parsed SSE stream: its frames, and the comment lines seen. */
    record Sse(int status, List<Frame> frames, List<String> comments, String contentType) {
        static Sse read(HttpResponse<InputStream> response) {
            List<Frame> frames = new ArrayList<>();
            List<String> comments = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                readFrames(reader, frames, comments, Integer.MAX_VALUE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Sse(response.statusCode(), frames, comments,
                    response.headers().firstValue("Content-Type").orElse(""));
        }

        static void readFrames(BufferedReader reader, List<Frame> frames, List<String> comments, int max)
                throws IOException {
            String id = null;
            String event = null;
            String data = null;
            String line;
            while (frames.size() < max && (line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (event != null) {
                        frames.add(new Frame(Long.parseLong(id), event, JSON.readTree(data)));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
        }

        List<String> events() {
            return frames.stream().map(Frame::event).toList();
        }

        Frame last() {
            return frames.getLast();
        }
    }

    record Frame(long id, String event, JsonNode data) {
    }
}
