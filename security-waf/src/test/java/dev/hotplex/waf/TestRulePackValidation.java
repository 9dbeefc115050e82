package dev.hotplex.waf;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** User packs are validated at startup, and every problem is named. */
class TestRulePackValidation {
    @TempDir
    Path dir;

    private static final String GOOD_RULE = """
              - id: team.no-npm-publish
                category: release
                severity: high
                match: {command: [npm], args: '^publish$'}
                reason: Publishing is done by CI.
                suggestion: Open a release PR instead.
            """;

    @Test
    void aValidUserPackAddsItsRules() throws IOException {
        RulePackContentPolicy policy = policyWith("pack: team\nrules:\n" + GOOD_RULE);
        assertThat(policy.checkCommand("npm publish")).isInstanceOfSatisfying(dev.hotplex.core.model.Verdict.Blocked.class,
                blocked -> assertThat(blocked.ruleId()).isEqualTo("team.no-npm-publish"));
        assertThat(policy.checkCommand("npm install").blocked()).isFalse();
    }

    @Test
    void aBadRegularExpressionIsAStartupError() {
        assertProblem("pack: team\nrules:\n" + GOOD_RULE.replace("'^publish$'", "'(unclosed'"),
                "team.no-npm-publish", "'args' is not a valid RE2 regular expression");
    }

    @Test
    void backtrackingConstructsAreRejected() {
        assertProblem("pack: team\nrules:\n" + GOOD_RULE.replace("'^publish$'", "'(a)\\1'"),
                "team.no-npm-publish", "not a valid RE2 regular expression");
    }

    @Test
    void aDuplicateIdIsAStartupError() {
        assertProblem("pack: team\nrules:\n" + GOOD_RULE + GOOD_RULE, "team.no-npm-publish", "duplicate rule id");
    }

    @Test
    void aBuiltInIdCannotBeReused() {
        assertProblem("pack: destructive\nrules:\n" + GOOD_RULE.replace("team.no-npm-publish", "destructive.rm-no-preserve-root"),
                "destructive.rm-no-preserve-root", "duplicate rule id");
    }

    @Test
    void missingFieldsAreNamed() {
        assertProblem("pack: team\nrules:\n" + GOOD_RULE.replace("    reason: Publishing is done by CI.\n", ""),
                "team.no-npm-publish", "missing field 'reason'");
        assertProblem("pack: team\nrules:\n" + GOOD_RULE.replace("    severity: high\n", ""),
                "team.no-npm-publish", "missing field 'severity'");
    }

    @Test
    void idsMustBePackDotRule() {
        assertProblem("pack: team\nrules:\n" + GOOD_RULE.replace("team.no-npm-publish", "other.rule"),
                "other.rule", "id must be 'team.<rule>'");
    }

    @Test
    void unknownKeysSeveritiesAndPathClassesAreErrors() {
        assertProblem("pack: team\nrules:\n" + GOOD_RULE.replace("severity: high", "severity: extreme"),
                "team.no-npm-publish", "severity must be one of");
        assertProblem("pack: team\nrules:\n" + GOOD_RULE.replace("args: '^publish$'", "target: [galaxy]"),
                "team.no-npm-publish", "unknown path class 'galaxy'");
        assertProblem("pack: team\nrules:\n" + GOOD_RULE.replace("category: release", "category: release\n    colour: red"),
                "colour", "Unrecognized field");
    }

    @Test
    void builtInCriticalRulesCannotBeDisabled() {
        assertProblem("pack: team\ndisable: [destructive.rm-recursive-critical-path]\n",
                "destructive.rm-recursive-critical-path", "built-in critical rules cannot be disabled");
    }

    @Test
    void nonCriticalBuiltInRulesCanBeDisabled() throws IOException {
        RulePackContentPolicy policy = policyWith("pack: team\ndisable: [persistence.systemd-enable]\n");
        assertThat(policy.checkCommand("systemctl enable nginx").blocked()).isFalse();
    }

    @Test
    void userAllowRulesCannotExemptBuiltInCriticalRules() throws IOException {
        RulePackContentPolicy policy = policyWith("""
                pack: team
                allow:
                  - id: team.allow-everything
                    line: '.*'
                    reason: trying to switch the firewall off
                """);
        assertThat(policy.checkCommand("rm -rf /").blocked()).isTrue();
        assertThat(policy.checkCommand("systemctl enable nginx").blocked()).isFalse();
    }

    @Test
    void disablingAnUnknownRuleIsAnError() {
        assertProblem("pack: team\ndisable: [nope.nothing]\n", "nope.nothing", "no such rule");
    }

    private RulePackContentPolicy policyWith(String yaml) throws IOException {
        Path pack = dir.resolve("pack.yaml");
        Files.writeString(pack, yaml);
        return new RulePackContentPolicy(WafConfig.defaults().withExtraPacks(List.of(pack)));
    }

    private void assertProblem(String yaml, String id, String problem) {
        assertThatThrownBy(() -> policyWith(yaml))
                .isInstanceOfSatisfying(HotplexException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.INVALID_CONFIG))
                .hasMessageContaining("pack.yaml")
                .hasMessageContaining(id)
                .hasMessageContaining(problem);
    }
}
