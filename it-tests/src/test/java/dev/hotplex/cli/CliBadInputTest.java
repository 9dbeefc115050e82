package dev.hotplex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.adapter.cli.ExitCodes;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code hotplex} (its own JVM) given what a person gets wrong: every refusal is one line on stderr, no stack
 * trace, nothing on stdout, and the exit code its {@code --help} documents. Also what works: {@code version} and
 * {@code doctor} over the real Claude Code CLI.
 */
class CliBadInputTest {
    @RegisterExtension
    static final RealClaudeCli CLI = RealClaudeCli.against(FakeAnthropicApi::start);

    @TempDir
    Path sandbox;

    @Test
    void aBrokenConfigFileIsOneLineNamingTheFileAndLine() throws Exception {
        HotplexLauncher hotplex = CLI.hotplex(sandbox);
        Path config = Files.writeString(sandbox.resolve("hotplex.yaml"), "engine:\n  max-sessions: [\n");

        HotplexLauncher.Result result = hotplex.run("", "--config", config.toString(), "version");

        assertRefused(result, ExitCodes.USAGE, "hotplex: INVALID_CONFIG: config file " + config + ":");
        assertThat(result.err()).contains("is not valid YAML");
    }

    @Test
    void aBadSetValueAndAnUnknownOptionAreOneLineEach() throws Exception {
        HotplexLauncher hotplex = CLI.hotplex(sandbox);

        assertRefused(hotplex.run("", "--set", "engine.max-sessions=lots", "run", "hi"), ExitCodes.USAGE,
                "hotplex: INVALID_CONFIG: bad value for 'engine.max-sessions' (--set engine.max-sessions): 'lots' is "
                        + "not a whole number");
        HotplexLauncher.Result typo = hotplex.run("", "run", "--sesion", "x", "hi");
        assertRefused(typo, ExitCodes.USAGE, "✗ Unknown option");
        assertThat(typo.err()).contains("'--sesion'", "did you mean --session?", "(see hotplex run --help)");
    }

    @Test
    void withoutTheAgentCliRunAndVersionExitFourInOneLine() throws Exception {
        HotplexLauncher hotplex = CLI.hotplex(sandbox);
        String missing = sandbox.resolve("no-such-claude").toString();

        HotplexLauncher.Result run = hotplex.run("", "--set", "claude.binary=" + missing, "run", "hello");
        assertRefused(run, ExitCodes.PROVIDER_UNAVAILABLE, "✗ PROVIDER_UNAVAILABLE: ");

        HotplexLauncher.Result version = hotplex.run("", "--set", "claude.binary=" + missing, "version");
        assertThat(version.exitCode()).as(version.err()).isEqualTo(ExitCodes.PROVIDER_UNAVAILABLE);
        assertThat(version.out()).contains("claude unavailable: ");
        assertThat(version.err()).isEmpty();
    }

    @Test
    void versionAndDoctorOverTheRealCli() throws Exception {
        HotplexLauncher hotplex = CLI.hotplex(sandbox);

        HotplexLauncher.Result version = hotplex.run("", "version", "--json");
        assertThat(version.exitCode()).as(version.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(version.out());
        assertThat(json.get("providers").get(0).get("name").asText()).isEqualTo("claude");
        assertThat(json.get("providers").get(0).get("version").asText()).contains("Claude Code");

        HotplexLauncher.Result doctor = hotplex.run("", "doctor");
        assertThat(doctor.out()).as(doctor.err()).contains("ok    agent CLI", "telemetry  exporter none",
                "/metrics on");

        HotplexLauncher.Result dashV = hotplex.run("", "-V");
        assertThat(dashV.exitCode()).isZero();
        assertThat(dashV.out()).startsWith("hotplex ");
    }

    @Test
    void binaryAndHugeStdinAreRefusedInOneLine() throws Exception {
        HotplexLauncher hotplex = CLI.hotplex(sandbox);

        assertRefused(hotplex.run("\u0000\u0001binary\u0000", "run", "-"), ExitCodes.USAGE,
                "✗ INVALID_REQUEST: ");
        assertRefused(hotplex.run("x".repeat(300_000), "run", "-"), ExitCodes.USAGE,
                "✗ INVALID_REQUEST: prompt is 300000 characters long");
        assertThat(CLI.api().requestBodies()).as("nothing reached the model").isEmpty();
    }

    private static void assertRefused(HotplexLauncher.Result result, int exitCode, String firstWords) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(exitCode);
        assertThat(result.err().lines().toList()).as("one line on stderr").singleElement().asString()
                .startsWith(firstWords).doesNotContain("\tat ", "Exception");
        assertThat(result.out()).as("nothing on stdout").isEmpty();
    }
}
