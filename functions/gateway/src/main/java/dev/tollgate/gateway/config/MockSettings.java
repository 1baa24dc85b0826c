package dev.tollgate.gateway.config;

/**
 * Behaviour of the built-in mock provider for one model.
 *
 * @param latencyMs   total time of a non-streamed reply
 * @param ttftMs      time to the first streamed chunk
 * @param chunkDelayMs pause between streamed chunks
 * @param reply       fixed reply text; when absent the reply is derived from the prompt, deterministically
 * @param failStatus  if set, answer with this HTTP status (e.g. 500, 429) ...
 * @param failTimes   ... for the first N calls only (0 or absent = always)
 * @param hangMs      if set, wait this long before answering (to provoke upstream timeouts)
 */
public record MockSettings(
        Integer latencyMs,
        Integer ttftMs,
        Integer chunkDelayMs,
        String reply,
        Integer failStatus,
        Integer failTimes,
        Integer hangMs) {

    public static final MockSettings DEFAULT = new MockSettings(0, 0, 0, null, null, null, null);

    public int latency() {
        return latencyMs == null ? 0 : latencyMs;
    }

    public int ttft() {
        return ttftMs == null ? 0 : ttftMs;
    }

    public int chunkDelay() {
        return chunkDelayMs == null ? 0 : chunkDelayMs;
    }
}
