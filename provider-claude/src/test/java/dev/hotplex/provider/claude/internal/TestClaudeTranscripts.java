package dev.hotplex.provider.claude.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestClaudeTranscripts {
    private static final String ID = "0f9a2b7e-1c1d-5e2f-8a3b-4c5d6e7f8091";

    @TempDir
    Path configDir;

    @Test
    void theConfigDirIsClaudeConfigDirElseHomeDotClaude() {
        assertThat(ClaudeTranscripts.configDir(Map.of("CLAUDE_CONFIG_DIR", "/cfg", "HOME", "/home/u")))
                .isEqualTo(Path.of("/cfg"));
        assertThat(ClaudeTranscripts.configDir(Map.of("HOME", "/home/u"))).isEqualTo(Path.of("/home/u/.claude"));
    }

    @Test
    void aConversationCanBeResumedWhenItsTranscriptExistsInAnyProjectDir() throws IOException {
        ClaudeTranscripts transcripts = new ClaudeTranscripts(configDir);
        assertThat(transcripts.exists(ID)).isFalse();

        Path empty = write("-srv-other", ID + ".jsonl", "");
        assertThat(transcripts.exists(ID)).as("an empty transcript holds no conversation").isFalse();

        write("-work-ws-s-1", ID + ".jsonl", "{\"type\":\"user\"}\n");
        assertThat(transcripts.exists(ID)).isTrue();
        assertThat(transcripts.exists("11111111-2222-5333-8444-555555555555")).isFalse();
        assertThat(empty).exists();
    }

    @Test
    void discardDeletesEveryCopyAndTheSideDirectoryButNothingElse() throws IOException {
        Path first = write("-work-a", ID + ".jsonl", "x\n");
        Path second = write("-work-b", ID + ".jsonl", "y\n");
        Path sideFile = write("-work-a", ID + "/subagents/agent-1.jsonl", "z\n");
        Path other = write("-work-a", "other.jsonl", "keep\n");
        ClaudeTranscripts transcripts = new ClaudeTranscripts(configDir);

        assertThat(transcripts.discard(ID)).isEqualTo(2);

        assertThat(first).doesNotExist();
        assertThat(second).doesNotExist();
        assertThat(sideFile.getParent().getParent()).doesNotExist();
        assertThat(other).exists();
        assertThat(transcripts.exists(ID)).isFalse();
        assertThat(transcripts.discard(ID)).isZero();
    }

    @Test
    void aMissingConfigDirMeansNothingToResume() {
        ClaudeTranscripts transcripts = new ClaudeTranscripts(configDir.resolve("missing"));

        assertThat(transcripts.exists(ID)).isFalse();
        assertThat(transcripts.discard(ID)).isZero();
    }

    @Test
    void idsThatCouldEscapeTheProjectDirAreRefused() {
        ClaudeTranscripts transcripts = new ClaudeTranscripts(configDir);

        assertThatThrownBy(() -> transcripts.exists("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> transcripts.discard("a/b")).isInstanceOf(IllegalArgumentException.class);
    }

    private Path write(String project, String name, String content) throws IOException {
        Path file = configDir.resolve("projects").resolve(project).resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
