package dev.hotplex.adapter.http;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.port.out.ContentPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthAndTenancyTest {
    @TempDir
    Path workspace;
    TestServer t;

    @BeforeEach
    void start() {
        t = new TestServer(workspace);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void aMissingOrWrongKeyIs401WithTheErrorShape() {
        for (Api api : List.of(t.anonymous(), new Api(t.server.port(), "wrong-key"))) {
            Api.Reply reply = api.get("/v1/sessions");
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.errorCode()).isEqualTo("UNAUTHORIZED");
            assertThat(reply.hasErrorShape()).isTrue();
            assertThat(reply.body()).doesNotContain(TestServer.KEY_A);
        }
        Api.Reply notBearer = t.a.send(t.anonymous().request("/v1/sessions")
                .header("Authorization", "Basic " + TestServer.KEY_A).GET().build());
        assertThat(notBearer.status()).isEqualTo(401);
        assertThat(t.anonymous().turnJson("s1", "hi").status()).isEqualTo(401);
        assertThat(t.provider.turnInputs()).isEmpty();
    }

    @Test
    void aTenantSeesOnlyItsOwnSessionsAndForeignIdsAre404() {
        assertThat(t.a.turnJson("shared", "from a").status()).isEqualTo(200);

        assertThat(t.b.get("/v1/sessions").json().path("sessions").size()).isZero();
        for (Api.Reply reply : List.of(t.b.get("/v1/sessions/shared"), t.b.get("/v1/sessions/shared/stats"),
                t.b.delete("/v1/sessions/shared"), t.b.post("/v1/sessions/shared/interrupt", ""),
                t.b.post("/v1/sessions/shared/reset", ""),
                t.b.post("/v1/sessions/shared/permissions/r1", "{\"decision\":\"allow\"}"))) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.body()).doesNotContain("tenant-a");
        }
        // tenant-a's own id, spelled with its namespace, is just another (unknown) id for tenant-b
        assertThat(t.b.get("/v1/sessions/tenant-a:shared").status()).isEqualTo(404);
        assertThat(t.a.get("/v1/sessions/shared").status()).isEqualTo(200);
    }

    @Test
    void twoTenantsCanUseTheSameIdWithoutCollision() {
        t.a.turnJson("same", "a1");
        t.b.turnJson("same", "b1");
        t.b.turnJson("same", "b2");

        assertThat(t.a.get("/v1/sessions/same/stats").json().path("turns").asInt()).isEqualTo(1);
        assertThat(t.b.get("/v1/sessions/same/stats").json().path("turns").asInt()).isEqualTo(2);
        assertThat(t.a.get("/v1/sessions").json().path("sessions").findValuesAsText("id")).containsExactly("same");
        assertThat(t.engine.sessions()).extracting(view -> view.sessionId().value())
                .containsExactlyInAnyOrder("tenant-a:same", "tenant-b:same");
    }

    @Test
    void publicProbesNeedNoKey() {
        assertThat(t.anonymous().get("/healthz").status()).isEqualTo(200);
        assertThat(t.anonymous().get("/readyz").status()).isEqualTo(200);
        assertThat(t.anonymous().get("/openapi.json").status()).isEqualTo(200);
    }

    @Test
    void aNonLoopbackBindWithoutKeysIsRefusedUnlessExplicitlyAllowed(@TempDir Path other) {
        HttpConfig open = HttpConfig.defaults().withHost("0.0.0.0").withPort(0);
        assertThatThrownBy(() -> new HotplexHttpServer(t.engine, open).start())
                .isInstanceOf(HotplexException.class)
                .hasMessageContaining("without any API key");

        HotplexHttpServer allowed = new HotplexHttpServer(t.engine, open.withAllowInsecureBind(true)).start();
        try {
            assertThat(allowed.port()).isPositive();
        } finally {
            allowed.stop(java.time.Duration.ofSeconds(1));
        }
        HotplexHttpServer loopback = new HotplexHttpServer(t.engine, HttpConfig.defaults().withPort(0)).start();
        try {
            Api anonymous = new Api(loopback.port(), null);
            assertThat(anonymous.get("/v1/sessions").status()).isEqualTo(200);
        } finally {
            loopback.stop(java.time.Duration.ofSeconds(1));
        }
    }

    @Test
    void keysAreStoredAsHashesAndNeverPrinted() {
        ApiKey key = ApiKey.ofPlainKey("tenant-a", TestServer.KEY_A);
        assertThat(key.sha256Hex()).hasSize(64).doesNotContain(TestServer.KEY_A);
        assertThat(key.toString()).doesNotContain(key.sha256Hex()).doesNotContain(TestServer.KEY_A);
        assertThat(t.config.toString()).doesNotContain(TestServer.KEY_A).doesNotContain(key.sha256Hex());
        assertThatThrownBy(() -> new ApiKey("bad:tenant", key.sha256Hex())).isInstanceOf(IllegalArgumentException.class);
        assertThat(ContentPolicy.allowAll()).isNotNull();
    }
}
