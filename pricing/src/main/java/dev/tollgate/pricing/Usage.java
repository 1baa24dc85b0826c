package dev.tollgate.pricing;

/**
 * Token usage of one call, normalised to OpenAI's counting whatever the provider said.
 *
 * <p>{@code promptTokens} is the TOTAL input: uncached tokens plus cache reads plus cache
 * writes (Anthropic and Bedrock report those apart; {@link UsageParser} adds them back).
 * {@code completionTokens} is the total output including {@code reasoningTokens}.
 * {@code audioInputTokens} are part of the uncached input. The canonical constructor
 * keeps a usage consistent: negative counts become 0; cache reads, then 5-minute writes,
 * then 1-hour writes are capped to what is left of the prompt; audio to the uncached
 * remainder; reasoning to the completion.
 *
 * @param estimated true when counted by Tollgate because the provider reported nothing
 */
public record Usage(
        long promptTokens,
        long cacheReadTokens,
        long cacheWrite5mTokens,
        long cacheWrite1hTokens,
        long audioInputTokens,
        long completionTokens,
        long reasoningTokens,
        boolean estimated) {

    /** No tokens. */
    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0, 0, false);

    /** Normalises counts (see the class comment). */
    public Usage {
        promptTokens = Math.max(0, promptTokens);
        cacheReadTokens = clamp(cacheReadTokens, promptTokens);
        cacheWrite5mTokens = clamp(cacheWrite5mTokens, promptTokens - cacheReadTokens);
        cacheWrite1hTokens = clamp(cacheWrite1hTokens, promptTokens - cacheReadTokens - cacheWrite5mTokens);
        audioInputTokens =
                clamp(audioInputTokens, promptTokens - cacheReadTokens - cacheWrite5mTokens - cacheWrite1hTokens);
        completionTokens = Math.max(0, completionTokens);
        reasoningTokens = clamp(reasoningTokens, completionTokens);
    }

    /** Plain usage: {@code prompt} input tokens, {@code completion} output tokens, nothing cached. */
    public static Usage of(long prompt, long completion) {
        return new Usage(prompt, 0, 0, 0, 0, completion, 0, false);
    }

    /** Usage Tollgate counted itself (no usage from the provider). */
    public static Usage estimated(long prompt, long completion) {
        return new Usage(prompt, 0, 0, 0, 0, completion, 0, true);
    }

    /** A copy with the given cache-read count. */
    public Usage withCacheRead(long tokens) {
        return new Usage(
                promptTokens,
                tokens,
                cacheWrite5mTokens,
                cacheWrite1hTokens,
                audioInputTokens,
                completionTokens,
                reasoningTokens,
                estimated);
    }

    /** A copy with the given cache-write counts. */
    public Usage withCacheWrites(long fiveMinute, long oneHour) {
        return new Usage(
                promptTokens,
                cacheReadTokens,
                fiveMinute,
                oneHour,
                audioInputTokens,
                completionTokens,
                reasoningTokens,
                estimated);
    }

    /** A copy with the given reasoning count (part of the completion). */
    public Usage withReasoning(long tokens) {
        return new Usage(
                promptTokens,
                cacheReadTokens,
                cacheWrite5mTokens,
                cacheWrite1hTokens,
                audioInputTokens,
                completionTokens,
                tokens,
                estimated);
    }

    /** A copy with the given audio input count (part of the uncached prompt). */
    public Usage withAudioInput(long tokens) {
        return new Usage(
                promptTokens,
                cacheReadTokens,
                cacheWrite5mTokens,
                cacheWrite1hTokens,
                tokens,
                completionTokens,
                reasoningTokens,
                estimated);
    }

    /** Input tokens neither read from nor written to a cache (audio included). */
    public long uncachedPromptTokens() {
        return promptTokens - cacheReadTokens - cacheWrite5mTokens - cacheWrite1hTokens;
    }

    /** All cache-write tokens. */
    public long cacheWriteTokens() {
        return cacheWrite5mTokens + cacheWrite1hTokens;
    }

    /** Output tokens that are not reasoning. */
    public long nonReasoningCompletionTokens() {
        return completionTokens - reasoningTokens;
    }

    /** Prompt plus completion. */
    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    private static long clamp(long value, long max) {
        return Math.max(0, Math.min(value, Math.max(0, max)));
    }
}
