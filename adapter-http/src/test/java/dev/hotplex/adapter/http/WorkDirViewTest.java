package dev.hotplex.adapter.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients see a session's work dir relative to their own tenant directory, exactly as they would ask for it, never as
 * a server path; and a tenant's requested work dir lands in its own directory, never in another tenant's.
 */
class WorkDirViewTest {
    @TempDir
    Path workspace;

    private TestServer t;

    @BeforeEach
    void start() {
        t = new TestServer(workspace);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void theDefaultWorkDirIsShownAsTheSessionsOwnName() {
        Api.Reply turn = t.a.turnJson("s1", "hi");
        assertThat(turn.status()).as(turn.body()).isEqualTo(200);
        assertThat(turn.json().path("events").get(0).path("data").path("workDir").asText()).isEqualTo("tenant-a:s1");

        Api.Reply session = t.a.get("/v1/sessions/s1");
        assertThat(session.json().path("workDir").asText()).isEqualTo("tenant-a:s1");
        assertThat(session.body()).doesNotContain(workspace.toString());
        assertThat(t.provider.lastConnection().spec().workDir())
                .isEqualTo(workspace.resolve("ws/tenant-a/tenant-a:s1").toAbsolutePath());
    }

    @Test
    void aRequestedWorkDirIsShownAsRequestedAndLivesInTheTenantsOwnDirectory() {
        Api.Reply turn = t.a.post("/v1/sessions/p1/turns", "{\"prompt\":\"hi\",\"workDir\":\"projects/alpha\"}");
        assertThat(turn.status()).as(turn.body()).isEqualTo(200);

        assertThat(t.a.get("/v1/sessions/p1").json().path("workDir").asText()).isEqualTo("projects/alpha");
        assertThat(t.provider.lastConnection().spec().workDir())
                .isEqualTo(workspace.resolve("ws/tenant-a/projects/alpha").toAbsolutePath());
    }

    @Test
    void anotherTenantsDirectoryCannotBeNamed() {
        t.a.turnJson("mine", "hi");
        Path victim = workspace.resolve("ws/tenant-a/tenant-a:mine").toAbsolutePath();

        Api.Reply absolute = t.b.post("/v1/sessions/x1/turns", "{\"prompt\":\"hi\",\"workDir\":\"" + victim + "\"}");
        Api.Reply relative = t.b.post("/v1/sessions/x2/turns", "{\"prompt\":\"hi\",\"workDir\":\"../tenant-a/tenant-a:mine\"}");

        assertThat(absolute.status()).isEqualTo(400);
        assertThat(absolute.body()).contains("outside this tenant's workspace");
        assertThat(relative.status()).isEqualTo(400);
        assertThat(relative.body()).contains("'..' segment");
        assertThat(t.provider.openedSpecs()).allSatisfy(spec -> assertThat(spec.owner().equals("tenant-b")
                && spec.workDir().startsWith(workspace.resolve("ws/tenant-a").toAbsolutePath())).isFalse());
    }

    @Test
    void aWorkDirOutsideTheTenantsDirectoryShowsOnlyItsLastName() {
        Tenant tenant = new Tenant("acme", Optional.of(Path.of("/srv/ws/acme")));
        assertThat(tenant.shownWorkDir(Path.of("/srv/ws/acme/a/b"))).isEqualTo("a/b");
        assertThat(tenant.shownWorkDir(Path.of("/srv/ws/acme:legacy"))).isEqualTo("acme:legacy");
        assertThat(new Tenant("acme").shownWorkDir(Path.of("/srv/ws/acme/a"))).isEqualTo("/srv/ws/acme/a");
    }
}
