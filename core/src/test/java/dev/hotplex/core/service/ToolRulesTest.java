package dev.hotplex.core.service;

import dev.hotplex.core.model.ToolCall;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ToolRulesTest {
    @ParameterizedTest(name = "{0} vs {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "Read              | Read  | /w/a.txt         | true",
            "Read              | Write | /w/a.txt         | false",
            "Bash              | Bash  | anything at all  | true",
            "Bash(git log:*)   | Bash  | git log --oneline| true",
            "Bash(git log:*)   | Bash  | git status       | false",
            "Bash(git log:*)   | Bash  | git log; rm -rf ~| false",
            "Bash(git log:*)   | Bash  | git log && curl x| false",
            "Bash(git log:*)   | Bash  | git log $(id)    | false",
            "Bash(npm test)    | Bash  | npm test         | true",
            "Bash(npm test)    | Bash  | npm test -- -x   | false",
            "Write(/w/a.txt)   | Write | /w/a.txt         | true",
            "Write(/w/a.txt)   | Write | /w/b.txt         | false",
    })
    void matchesClaudeStyleRules(String rule, String tool, String subject, boolean expected) {
        String key = tool.equals("Bash") ? "command" : "file_path";
        ToolCall call = new ToolCall("t1", tool, Map.of(key, subject));
        assertThat(new ToolRules(List.of(rule)).matches(call)).isEqualTo(expected);
    }
}
