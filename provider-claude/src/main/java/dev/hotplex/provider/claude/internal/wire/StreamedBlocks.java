package dev.hotplex.provider.claude.internal.wire;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Remembers the text streamed as fragments ({@code stream_event} deltas) per content block, so that
 * the whole block that follows in an {@code assistant} message is not sent a second time.
 *
 * <p>A block is identified by its API message id and its index in that message. Stream events carry
 * both. Whole blocks do not carry an index: the CLI prints one {@code assistant} line per block, in
 * order, all with the same message id, so the index is the number of blocks already seen for that id.
 */
final class StreamedBlocks {
    private record BlockKey(String messageId, int index) {
    }

    private final Map<BlockKey, StringBuilder> streamed = new HashMap<>();
    private final Map<String, Integer> wholeBlocksSeen = new HashMap<>();
    private String currentMessageId = "";

    /** Notes the message a {@code message_start} event opens; later events may omit the id. */
    void messageStarted(Optional<String> messageId) {
        currentMessageId = messageId.orElse("");
    }

    void fragment(Optional<String> messageId, OptionalInt index, String text) {
        BlockKey key = new BlockKey(messageId.orElse(currentMessageId), index.orElse(0));
        streamed.computeIfAbsent(key, k -> new StringBuilder()).append(text);
    }

    /** The index the next whole block of this message has; each call advances it. */
    int nextWholeBlock(Optional<String> messageId) {
        return wholeBlocksSeen.merge(messageId.orElse(""), 1, Integer::sum) - 1;
    }

    /**
     * For a whole block: empty when no fragment of it was streamed (send it whole); otherwise what the
     * fragments lacked, usually {@code ""} (send nothing more, or only that rest as a fragment).
     */
    Optional<String> unsentRest(Optional<String> messageId, int index, String wholeText) {
        StringBuilder sent = streamed.get(new BlockKey(messageId.orElse(""), index));
        if (sent == null) {
            return Optional.empty();
        }
        String sentText = sent.toString();
        return Optional.of(wholeText.startsWith(sentText) ? wholeText.substring(sentText.length()) : "");
    }
}
