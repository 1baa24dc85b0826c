package dev.tollgate.pricing;

import static dev.tollgate.pricing.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.api.EncodingType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Token counts checked against OpenAI's cookbook ("How to count tokens with tiktoken"). */
class TokenCounterTest {

    /** The cookbook's example conversation; the API billed 129 tokens on gpt-4 and 124 on gpt-4o. */
    static final JsonNode COOKBOOK_MESSAGES = json("""
            [{"role":"system","content":"You are a helpful, pattern-following assistant that translates corporate jargon into plain English."},
             {"role":"system","name":"example_user","content":"New synergies will help drive top-line growth."},
             {"role":"system","name":"example_assistant","content":"Things working well together will increase revenue."},
             {"role":"system","name":"example_user","content":"Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage."},
             {"role":"system","name":"example_assistant","content":"Let's talk later when we're less busy about how to do better."},
             {"role":"user","content":"This late pivot means we don't have time to boil the ocean for the client deliverable."}]""");

    @Test
    void countMessages_cookbookExample_gpt4_is129() {
        assertEquals(129, TokenCounter.countMessages("gpt-4", COOKBOOK_MESSAGES));
    }

    @Test
    void countMessages_cookbookExample_gpt4oMini_is124() {
        assertEquals(124, TokenCounter.countMessages("gpt-4o-mini", COOKBOOK_MESSAGES));
    }

    @Test
    void countText_cookbookString_cl100k_isSix() {
        // "tiktoken is great!" → t | ik | token | is | great | !
        assertEquals(6, TokenCounter.countText("gpt-3.5-turbo", "tiktoken is great!"));
    }

    @Test
    void countText_specialTokenText_isCountedAsOrdinaryText() {
        // no exception, and more than the single special token it would encode to
        assertTrue(TokenCounter.countText("gpt-4o", "<|endoftext|>") > 1);
        assertEquals(0, TokenCounter.countText("gpt-4o", null));
    }

    @Test
    void countMessages_oneShortUserMessage_isEight() {
        // 3 per message + "user" (1) + "Hi" (1) + 3 reply priming = 8
        assertEquals(8, TokenCounter.countMessages("gpt-4o", json("[{\"role\":\"user\",\"content\":\"Hi\"}]")));
    }

    @Test
    void countMessages_imagePart_countsFixedEstimate() {
        // 3 + "user" (1) + "Hi" (1) + image 765 + 3 = 773
        JsonNode messages = json("""
                [{"role":"user","content":[{"type":"text","text":"Hi"},
                  {"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}]""");
        assertEquals(773, TokenCounter.countMessages("gpt-4o", messages));
    }

    @Test
    void countMessages_nullOrNotArray_isZero() {
        assertEquals(0, TokenCounter.countMessages("gpt-4o", null));
        assertEquals(0, TokenCounter.countMessages("gpt-4o", json("{}")));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "gpt-4o-mini, O200K_BASE",
        "gpt-4.1, O200K_BASE",
        "gpt-5, O200K_BASE",
        "o1-mini, O200K_BASE",
        "o3, O200K_BASE",
        "o4-mini, O200K_BASE",
        "azure/gpt-4o, O200K_BASE",
        "ft:gpt-4o-mini-2024-07-18, O200K_BASE",
        "gpt-4, CL100K_BASE",
        "gpt-4-turbo, CL100K_BASE",
        "gpt-3.5-turbo, CL100K_BASE",
        "text-embedding-3-small, CL100K_BASE",
        "claude-sonnet-4-5, CL100K_BASE",
        "gemini/gemini-2.5-pro, CL100K_BASE",
    })
    void encodingFor_modelFamilies(String model, EncodingType expected) {
        assertEquals(expected, TokenCounter.encodingFor(model));
    }
}
