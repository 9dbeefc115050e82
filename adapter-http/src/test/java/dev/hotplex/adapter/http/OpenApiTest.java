package dev.hotplex.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiTest {
    @TempDir
    Path workspace;

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
        try (TestServer t = new TestServer(workspace)) {
            Api.Reply reply = t.anonymous().get("/openapi.json");
            assertThat(reply.status()).isEqualTo(200);
            JsonNode document = reply.json();
            assertThat(document.path("openapi").asText()).startsWith("3.1");

            List<String> documented = new ArrayList<>();
            document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                    documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));

            assertThat(documented).containsExactlyInAnyOrderElementsOf(t.server.registeredRoutes());
            assertThat(documented).contains("POST /v1/sessions/{id}/turns", "GET /v1/ws", "GET /openapi.json");
        }
    }
}
