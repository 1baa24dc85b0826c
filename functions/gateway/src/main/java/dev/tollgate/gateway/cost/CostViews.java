package dev.tollgate.gateway.cost;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.pricing.CostBreakdown;
import dev.tollgate.pricing.ModelPrice;
import dev.tollgate.pricing.Prediction;
import dev.tollgate.pricing.Usage;
import java.math.BigDecimal;
import java.util.Map;

/** JSON views of prices, usage, costs and predictions; money as exact decimals (written plain, never as 1E-7). */
final class CostViews {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private CostViews() {}

    static ObjectNode breakdown(ObjectMapper json, CostBreakdown cost) {
        ObjectNode node = json.createObjectNode();
        node.put("input_cost_usd", cost.input());
        node.put("cache_read_cost_usd", cost.cacheRead());
        node.put("cache_write_cost_usd", cost.cacheWrite());
        node.put("output_cost_usd", cost.output());
        node.put("reasoning_cost_usd", cost.reasoning());
        node.put("total_cost_usd", cost.total());
        return node;
    }

    static ObjectNode usage(ObjectMapper json, Usage usage) {
        ObjectNode node = json.createObjectNode();
        node.put("prompt_tokens", usage.promptTokens());
        node.put("cache_read_tokens", usage.cacheReadTokens());
        node.put("cache_write_5m_tokens", usage.cacheWrite5mTokens());
        node.put("cache_write_1h_tokens", usage.cacheWrite1hTokens());
        node.put("completion_tokens", usage.completionTokens());
        node.put("reasoning_tokens", usage.reasoningTokens());
        node.put("total_tokens", usage.totalTokens());
        node.put("estimated", usage.estimated());
        return node;
    }

    static ObjectNode prediction(ObjectMapper json, String model, Prediction p) {
        ObjectNode node = json.createObjectNode();
        node.put("model", model);
        node.put("input_tokens", p.inputTokens());
        node.put("estimated_output_tokens", p.estimatedOutputTokens());
        node.put("max_output_tokens", p.maxOutputTokens());
        node.put("input_cost_usd", p.inputCostUsd());
        node.put("estimated_output_cost_usd", p.estimatedOutputCostUsd());
        node.put("total_estimated_cost_usd", p.totalEstimatedCostUsd());
        node.put("max_cost_usd", p.maxCostUsd());
        return node;
    }

    /** Prices per million tokens, as people read them ($0.15 / M), plus where the price came from. */
    static ObjectNode price(ObjectMapper json, String model, ModelPrice price) {
        ObjectNode node = json.createObjectNode();
        node.put("model", model);
        node.put("priced_as", price.key());
        node.put("provider", price.provider());
        node.put("source", price.source().name().toLowerCase(java.util.Locale.ROOT));
        node.put("free", price.free());
        ObjectNode perMillion = node.putObject("usd_per_million_tokens");
        perMillion(perMillion, "input", price.inputCostPerToken());
        perMillion(perMillion, "output", price.outputCostPerToken());
        perMillion(perMillion, "cache_read", price.cacheReadCostPerToken());
        perMillion(perMillion, "cache_write_5m", price.cacheWrite5mCostPerToken());
        perMillion(perMillion, "cache_write_1h", price.cacheWrite1hCostPerToken());
        perMillion(perMillion, "reasoning", price.reasoningCostPerToken());
        if (price.inputCostPerSecond() != null) {
            node.put("input_cost_per_second", price.inputCostPerSecond());
        }
        if (price.maxInputTokens() != null) {
            node.put("max_input_tokens", price.maxInputTokens());
        }
        if (price.maxOutputTokens() != null) {
            node.put("max_output_tokens", price.maxOutputTokens());
        }
        return node;
    }

    /** LiteLLM's {@code /model/info} entry shape, so its tooling can read ours. */
    static ObjectNode modelInfo(
            ObjectMapper json, String model, String upstreamModel, String provider, ModelPrice price) {
        ObjectNode node = json.createObjectNode();
        node.put("model_name", model);
        node.putObject("litellm_params").put("model", upstreamModel).put("custom_llm_provider", provider);
        ObjectNode info = node.putObject("model_info");
        if (price == null) {
            info.putNull("input_cost_per_token");
            info.putNull("output_cost_per_token");
            info.put("priced", false);
            return node;
        }
        info.put("priced", true);
        info.put("key", price.key());
        info.put("mode", price.mode());
        info.put("litellm_provider", price.provider());
        for (Map.Entry<String, BigDecimal> rate : new java.util.TreeMap<>(price.rates()).entrySet()) {
            info.put(rate.getKey(), rate.getValue().stripTrailingZeros());
        }
        if (price.maxInputTokens() != null) {
            info.put("max_input_tokens", price.maxInputTokens());
        }
        if (price.maxOutputTokens() != null) {
            info.put("max_output_tokens", price.maxOutputTokens());
        }
        info.put("supports_reasoning", price.supportsReasoning());
        return node;
    }

    private static void perMillion(ObjectNode node, String name, BigDecimal perToken) {
        if (perToken != null) {
            node.put(name, perToken.multiply(MILLION).stripTrailingZeros());
        }
    }
}
