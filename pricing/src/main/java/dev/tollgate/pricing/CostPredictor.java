package dev.tollgate.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;

/**
 * Prices a request before it is sent, for budget reservation and {@code max_tokens} clamping.
 *
 * <p>Input: messages (cookbook overhead), {@code system}, {@code tools}/{@code functions},
 * {@code input}, {@code prompt} and {@code instructions} counted with {@link TokenCounter},
 * priced as uncached input at the rate the prompt size and service tier select.
 * Max output: the request's {@code max_completion_tokens}, else {@code max_tokens}, else
 * {@code max_output_tokens}, else the model's max output, else 4096; 0 for embedding,
 * rerank and moderation models. Estimated output: 75% of the max output (rounded up) for
 * models with {@code supports_reasoning}; otherwise 25% of it (rounded up) but at least 256
 * and never more than the max. Output tokens are priced at the dearer of the output and
 * reasoning rates, so {@link Prediction#maxCostUsd()} is a true upper bound. With
 * {@code n} &gt; 1 choices, the max and estimated output are per choice times {@code n}
 * (so a {@code max_tokens} clamp from {@link #affordableOutputTokens} must be divided by {@code n}).
 */
public final class CostPredictor {

    /** Max output assumed when neither the request nor the catalogue gives one. */
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 4096;
    /** The smallest output estimate for non-reasoning models. */
    public static final int MIN_ESTIMATED_OUTPUT_TOKENS = 256;

    private static final Set<String> NO_OUTPUT_MODES = Set.of("embedding", "rerank", "moderation", "moderations");

    private CostPredictor() {}

    /** Predicts on the tier the body's {@code service_tier} names (standard when absent). */
    public static Prediction predict(ModelPrice price, JsonNode requestBody) {
        return predict(
                price,
                requestBody,
                ServiceTier.parse(requestBody.path("service_tier").asText(null)));
    }

    /** Predicts on an explicit tier. */
    public static Prediction predict(ModelPrice price, JsonNode requestBody, ServiceTier tier) {
        return predict(price, requestBody, tier, inputTokens(price, requestBody));
    }

    /**
     * Predicts with input tokens the caller already counted ({@link #inputTokens}), so a request priced
     * against several models is tokenized once per encoding, not once per model.
     */
    public static Prediction predict(ModelPrice price, JsonNode requestBody, ServiceTier tier, int input) {
        long choices = Math.max(1, requestBody.path("n").asInt(1));
        int maxOutput = (int) Math.min(Integer.MAX_VALUE, maxOutputTokens(price, requestBody) * choices);
        int estimated = (int) Math.min(
                Integer.MAX_VALUE, estimatedOutputTokens(price, maxOutputTokens(price, requestBody)) * choices);
        EffectiveRates r = EffectiveRates.of(price, input, tier);
        BigDecimal inputCost = CostCalculator.times(r.input(), input);
        BigDecimal outputCost = CostCalculator.times(r.worstOutput(), estimated);
        return new Prediction(
                input,
                estimated,
                CostBreakdown.canonical(inputCost),
                CostBreakdown.canonical(outputCost),
                CostBreakdown.canonical(inputCost.add(outputCost)),
                maxOutput,
                worstCase(price, input, maxOutput, tier));
    }

    /** Worst-case cost: {@code inputTokens} uncached plus {@code maxOutputTokens} at the dearer output rate. */
    public static BigDecimal worstCase(ModelPrice price, int inputTokens, int maxOutputTokens, ServiceTier tier) {
        EffectiveRates r = EffectiveRates.of(price, inputTokens, tier);
        return CostBreakdown.canonical(CostCalculator.times(r.input(), Math.max(0, inputTokens))
                .add(CostCalculator.times(r.worstOutput(), Math.max(0, maxOutputTokens))));
    }

    /**
     * The largest output-token count whose {@link #worstCase worst case} fits in {@code budget};
     * 0 when the input alone does not fit (or the budget is null or negative);
     * {@link Integer#MAX_VALUE} when output costs nothing (free models).
     */
    public static int affordableOutputTokens(ModelPrice price, int inputTokens, BigDecimal budget, ServiceTier tier) {
        if (budget == null || budget.signum() < 0) {
            return 0;
        }
        EffectiveRates r = EffectiveRates.of(price, inputTokens, tier);
        BigDecimal left = budget.subtract(CostCalculator.times(r.input(), Math.max(0, inputTokens)));
        if (left.signum() < 0) {
            return 0;
        }
        if (r.worstOutput().signum() == 0) {
            return Integer.MAX_VALUE;
        }
        BigDecimal tokens = left.divide(r.worstOutput(), 0, RoundingMode.FLOOR);
        return tokens.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) >= 0 ? Integer.MAX_VALUE : tokens.intValue();
    }

    /** The request's output cap, else the model's, else {@value #DEFAULT_MAX_OUTPUT_TOKENS}; 0 for no-output modes. */
    public static int maxOutputTokens(ModelPrice price, JsonNode requestBody) {
        if (price.mode() != null && NO_OUTPUT_MODES.contains(price.mode())) {
            return 0;
        }
        for (String field : new String[] {"max_completion_tokens", "max_tokens", "max_output_tokens"}) {
            JsonNode value = requestBody.path(field);
            if (value.canConvertToInt() && value.asInt() >= 0) {
                return value.asInt();
            }
        }
        Integer modelMax = price.maxOutputTokens();
        return modelMax != null && modelMax > 0 ? modelMax : DEFAULT_MAX_OUTPUT_TOKENS;
    }

    /** The output estimate rule (see the class comment). */
    public static int estimatedOutputTokens(ModelPrice price, int maxOutputTokens) {
        long max = Math.max(0, maxOutputTokens);
        if (price.supportsReasoning()) {
            return (int) ((3 * max + 3) / 4);
        }
        return (int) Math.min(max, Math.max(MIN_ESTIMATED_OUTPUT_TOKENS, (max + 3) / 4));
    }

    /** Input tokens of a request body (see the class comment). */
    public static int inputTokens(ModelPrice price, JsonNode body) {
        String model = price.key();
        int tokens = TokenCounter.countMessages(model, body.path("messages"));
        tokens += TokenCounter.countContent(model, body.get("system"));
        tokens += TokenCounter.countContent(model, body.get("instructions"));
        for (String field : new String[] {"tools", "functions"}) {
            if (body.path(field).isArray()) {
                tokens += TokenCounter.countText(model, body.path(field).toString());
            }
        }
        tokens += countPromptLike(model, body.get("input"));
        tokens += countPromptLike(model, body.get("prompt"));
        return tokens;
    }

    /** {@code input}/{@code prompt}: a string, strings, token ids, arrays of token ids, or message items. */
    private static int countPromptLike(String model, JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isArray()) {
            return TokenCounter.countContent(model, value);
        }
        if (!value.isEmpty() && value.get(0).isObject()) {
            return TokenCounter.countMessages(model, value);
        }
        int tokens = 0;
        for (JsonNode item : value) {
            tokens += item.isNumber() ? 1 : item.isArray() ? item.size() : TokenCounter.countContent(model, item);
        }
        return tokens;
    }
}
