package dev.tollgate.gateway.providers.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;

/** Request mapping, OpenAI → Converse, for the cases the proxy test does not drive (no network). */
class BedrockRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void developerMessages_areSystemPrompts_andTheModelIdIsSentAsIs() throws Exception {
        ConverseRequest request = map("""
                {"model":"arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                 "messages":[{"role":"developer","content":"Be terse."},{"role":"user","content":"hi"}]}""");

        assertEquals(
                "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                request.modelId());
        assertEquals("Be terse.", request.system().get(0).text());
        assertEquals(1, request.messages().size());
        assertNull(request.inferenceConfig(), "no inference parameters asked, none sent: the model's defaults apply");
    }

    @Test
    void consecutiveTurnsOfOneRole_areMerged_asConverseRequiresAlternation() throws Exception {
        ConverseRequest request = map("""
                {"model":"m","messages":[{"role":"user","content":"one"},{"role":"user","content":"two"},
                                         {"role":"assistant","content":""},{"role":"user","content":"three"}]}""");

        assertEquals(1, request.messages().size(), "the empty assistant turn is dropped, the user turns merge");
        assertEquals(ConversationRole.USER, request.messages().get(0).role());
        assertEquals(3, request.messages().get(0).content().size());
    }

    @Test
    void s3ImageUrls_becomeS3Locations_httpUrlsAreRefusedWithAReason() throws Exception {
        ContentBlock image = map("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"s3://bucket/cat.jpg"}}]}]}""").messages().get(0).content().get(0);
        GatewayException http = assertThrows(GatewayException.class, () -> map("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}]}"""));

        assertEquals("s3://bucket/cat.jpg", image.image().source().s3Location().uri());
        assertEquals("jpeg", image.image().formatAsString());
        assertEquals("messages[0].content[0].image_url.url", http.param());
        assertTrue(http.getMessage().contains("base64 data URL"), http.getMessage());
    }

    @Test
    void toolChoiceNone_leavesToolsOut_unlessTheConversationAlreadyUsesThem() throws Exception {
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":\"none\"";

        ConverseRequest fresh =
                map("{\"model\":\"m\"," + tools + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        ConverseRequest ongoing =
                map("{\"model\":\"m\"," + tools + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                        + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"t1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},"
                        + "{\"role\":\"tool\",\"tool_call_id\":\"t1\",\"content\":\"ok\"}]}");

        assertNull(fresh.toolConfig());
        assertEquals("f", ongoing.toolConfig().tools().get(0).toolSpec().name());
        assertNull(ongoing.toolConfig().toolChoice(), "Converse has no 'none': the model chooses");
    }

    @Test
    void stopAsAString_andMaxCompletionTokens_goToInferenceConfig() throws Exception {
        ConverseRequest request =
                map("{\"model\":\"m\",\"stop\":\"###\",\"max_completion_tokens\":77,\"messages\":[]}");

        assertEquals("###", request.inferenceConfig().stopSequences().get(0));
        assertEquals(77, request.inferenceConfig().maxTokens());
    }

    private static ConverseRequest map(String openAi) throws Exception {
        return BedrockRequests.map((ObjectNode) JSON.readTree(openAi)).converse();
    }
}
