package dev.tollgate.gateway.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.providers.SseReader;
import dev.tollgate.gateway.providers.UpstreamStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An open Anthropic stream read as OpenAI chunks: pulls SSE events, maps each with
 * {@link AnthropicStream}, and hands the chunks out one by one. An {@code error} event, or an end of
 * stream before {@code message_stop}, is thrown so the relay can tell the client the stream broke.
 */
final class AnthropicUpstreamStream implements UpstreamStream {
    private final SseReader reader;
    private final AnthropicStream mapper;
    private final ObjectMapper json;
    private final String upstream;
    private final int attempts;
    private final Deque<String> pending = new ArrayDeque<>();

    AnthropicUpstreamStream(
            SseReader reader, AnthropicStream mapper, ObjectMapper json, String upstream, int attempts) {
        this.reader = reader;
        this.mapper = mapper;
        this.json = json;
        this.upstream = upstream;
        this.attempts = attempts;
    }

    @Override
    public String next() {
        while (pending.isEmpty()) {
            String data = reader.nextData();
            if (data == null) {
                if (!mapper.stopped()) {
                    throw GatewayException.upstreamUnavailable(
                            "Upstream " + upstream + " ended the stream before message_stop");
                }
                return null;
            }
            JsonNode event;
            try {
                event = json.readTree(data);
            } catch (IOException e) {
                throw GatewayException.upstreamUnavailable("Upstream " + upstream + " sent an event that is not JSON");
            }
            if ("error".equals(event.path("type").asText())) {
                throw AnthropicErrors.streamed(event, upstream);
            }
            pending.addAll(mapper.accept(event));
        }
        return pending.poll();
    }

    @Override
    public int attempts() {
        return attempts;
    }

    @Override
    public void close() {
        reader.close();
    }
}
