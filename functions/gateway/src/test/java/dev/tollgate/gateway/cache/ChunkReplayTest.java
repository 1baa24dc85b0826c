package dev.tollgate.gateway.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** A cached answer replayed as chunks adds up to the same answer again (what a streamed miss stores). */
class ChunkReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void replayThenAssemble_givesBackContentToolCallsFinishReasonAndUsage() throws Exception {
        String long70 = "x".repeat(70);
        ObjectNode answer = (ObjectNode) JSON.readTree("""
                {"id":"c1","object":"chat.completion","created":5,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s",
                   "tool_calls":[{"id":"t1","type":"function","function":{"name":"f","arguments":"{}"}}]},
                   "finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}
                """.formatted(long70));

        ChunkAssembly assembly = new ChunkAssembly();
        var chunks = ChunkReplay.chunks(answer);
        chunks.forEach(assembly::accept);
        ObjectNode back = assembly.answer().orElseThrow();

        assertEquals(6, chunks.size()); // role, 2 content pieces, tool calls, finish, usage
        assertEquals(long70, back.at("/choices/0/message/content").asText());
        assertEquals(
                "f", back.at("/choices/0/message/tool_calls/0/function/name").asText());
        assertEquals("t1", back.at("/choices/0/message/tool_calls/0/id").asText());
        assertEquals("tool_calls", back.at("/choices/0/finish_reason").asText());
        assertEquals(7, back.at("/usage/total_tokens").asInt());
        assertEquals("c1", back.path("id").asText());
    }
}
