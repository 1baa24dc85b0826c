package dev.tollgate.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Counts tokens with OpenAI's BPE encodings (jtokkit, bundled, offline): {@code o200k_base}
 * for the gpt-4o, gpt-4.1, gpt-4.5, gpt-5, o1, o3, o4 and gpt-oss families,
 * {@code cl100k_base} for gpt-3.5, gpt-4, the embeddings models and EVERYTHING ELSE.
 * For non-OpenAI models (Claude, Gemini, Llama…) the count is only an estimate: their
 * tokenizers differ, typically by 10–20%; provider-reported usage always wins at settlement.
 *
 * <p>Each encoding is loaded once, lazily, on first use (holder idiom, thread-safe).
 * Special-token text such as {@code <|endoftext|>} is counted as ordinary text.
 */
public final class TokenCounter {

    /** Tokens added per message, and once for the reply priming (OpenAI cookbook). */
    public static final int TOKENS_PER_MESSAGE = 3;
    /** Extra token when a message carries {@code name}. */
    public static final int TOKENS_PER_NAME = 1;
    /** Estimate for one image part: a 1024×1024 high-detail image on gpt-4o (765). */
    public static final int TOKENS_PER_IMAGE = 765;

    private static final Pattern O200K_FAMILY =
            Pattern.compile("^(gpt-4o|chatgpt-4o|gpt-4\\.1|gpt-4\\.5|gpt-5|gpt-oss|o1|o3|o4|codex)");

    private TokenCounter() {}

    private static final class O200k {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    private static final class Cl100k {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    }

    /** The encoding used for {@code model} (route prefixes and {@code ft:} are ignored). */
    public static EncodingType encodingFor(String model) {
        if (model == null) {
            return EncodingType.CL100K_BASE;
        }
        String name = model.toLowerCase(Locale.ROOT);
        name = name.substring(name.lastIndexOf('/') + 1);
        if (name.startsWith("ft:")) {
            name = name.substring(3);
        }
        return O200K_FAMILY.matcher(name).find() ? EncodingType.O200K_BASE : EncodingType.CL100K_BASE;
    }

    /** Tokens in {@code text} for {@code model}; 0 for null or empty text. */
    public static int countText(String model, String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return encoding(model).countTokensOrdinary(text);
    }

    /**
     * Tokens a Chat Completions {@code messages} array costs as input, per the OpenAI cookbook:
     * 3 per message, the tokens of every field value ({@code role}, {@code content},
     * {@code name} + 1, {@code tool_calls} as JSON…), then 3 for the reply priming.
     * Content parts: text is counted, each image counts {@link #TOKENS_PER_IMAGE}, other
     * parts are counted as their JSON. A null or non-array node gives 0.
     */
    public static int countMessages(String model, JsonNode messages) {
        if (messages == null || !messages.isArray()) {
            return 0;
        }
        Encoding encoding = encoding(model);
        int tokens = 0;
        for (JsonNode message : messages) {
            tokens += TOKENS_PER_MESSAGE;
            for (Map.Entry<String, JsonNode> field : message.properties()) {
                tokens += countValue(encoding, field.getValue());
                if (field.getKey().equals("name")) {
                    tokens += TOKENS_PER_NAME;
                }
            }
        }
        return tokens + TOKENS_PER_MESSAGE;
    }

    /** Tokens of a content value: a string, an array of content parts, or any JSON. */
    static int countContent(String model, JsonNode value) {
        return value == null ? 0 : countValue(encoding(model), value);
    }

    private static int countValue(Encoding encoding, JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return 0;
        }
        if (value.isTextual()) {
            return encoding.countTokensOrdinary(value.textValue());
        }
        if (value.isArray() && isContentParts(value)) {
            int tokens = 0;
            for (JsonNode part : value) {
                String type = part.path("type").asText("");
                if (part.path("text").isTextual()) {
                    tokens += encoding.countTokensOrdinary(part.path("text").textValue());
                } else if (type.contains("image")) {
                    tokens += TOKENS_PER_IMAGE;
                } else {
                    tokens += encoding.countTokensOrdinary(part.toString());
                }
            }
            return tokens;
        }
        return encoding.countTokensOrdinary(value.toString());
    }

    private static boolean isContentParts(JsonNode array) {
        for (JsonNode part : array) {
            if (!part.isObject() || !part.has("type")) {
                return false;
            }
        }
        return true;
    }

    private static Encoding encoding(String model) {
        return encodingFor(model) == EncodingType.O200K_BASE ? O200k.ENCODING : Cl100k.ENCODING;
    }
}
