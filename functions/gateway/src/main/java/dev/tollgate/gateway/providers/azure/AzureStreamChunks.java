package dev.tollgate.gateway.providers.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.providers.UpstreamStream;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Stream mapping for Azure OpenAI. Azure opens a stream with a chunk that carries only
 * {@code prompt_filter_results} and blank envelope fields ({@code "object":""}, {@code "model":""},
 * {@code "id":""}); strict OpenAI clients reject a chunk whose {@code object} is not
 * {@code chat.completion.chunk}. Such chunks keep their filter results and get OpenAI's envelope
 * values; every other chunk passes through untouched (and is not even parsed).
 */
final class AzureStreamChunks implements UpstreamStream {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BLANK_OBJECT = Pattern.compile("\"object\"\\s*:\\s*\"\"");
    private final UpstreamStream upstream;
    private final String model;

    AzureStreamChunks(UpstreamStream upstream, String model) {
        this.upstream = upstream;
        this.model = model;
    }

    @Override
    public String next() {
        String data = upstream.next();
        if (data == null || !BLANK_OBJECT.matcher(data).find()) {
            return data;
        }
        try {
            JsonNode node = JSON.readTree(data);
            if (!(node instanceof ObjectNode chunk)
                    || !chunk.path("object").asText().isEmpty()) {
                return data;
            }
            chunk.put("object", "chat.completion.chunk");
            if (chunk.path("model").asText().isEmpty()) {
                chunk.put("model", model);
            }
            return chunk.toString();
        } catch (IOException e) {
            return data;
        }
    }

    @Override
    public int attempts() {
        return upstream.attempts();
    }

    @Override
    public void close() {
        upstream.close();
    }
}
