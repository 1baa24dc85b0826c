package dev.tollgate.gateway.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.pricing.CostBreakdown;
import dev.tollgate.pricing.CostCalculator;
import dev.tollgate.pricing.ModelPrice;
import dev.tollgate.pricing.ServiceTier;
import dev.tollgate.pricing.TokenCounter;
import dev.tollgate.pricing.Usage;
import dev.tollgate.pricing.UsageParser;

/**
 * The cost of a finished call from what the upstream reported: usage from the response when present,
 * otherwise counted with the tokenizer and marked estimated. The service tier is read from the
 * response ({@code service_tier}), else from the request.
 *
 * @param usage normalised usage
 * @param cost  the breakdown; total is what the call is charged
 * @param tier  the service tier priced
 */
public record CallCost(Usage usage, CostBreakdown cost, ServiceTier tier) {

    public static CallCost ofChat(
            ModelPrice price,
            JsonNode request,
            JsonNode usageNode,
            String serviceTier,
            String completionText,
            String tokenizerModel) {
        Usage usage = usageNode != null && usageNode.isObject() && usageNode.has("prompt_tokens")
                ? UsageParser.openAiChat(usageNode)
                : Usage.estimated(
                        TokenCounter.countMessages(tokenizerModel, request.path("messages")),
                        TokenCounter.countText(tokenizerModel, completionText == null ? "" : completionText));
        return of(price, usage, tier(request, serviceTier));
    }

    public static CallCost ofEmbeddings(ModelPrice price, JsonNode request, JsonNode usageNode, String tokenizerModel) {
        Usage usage = usageNode != null && usageNode.isObject() && usageNode.has("prompt_tokens")
                ? UsageParser.embeddings(usageNode)
                : Usage.estimated(
                        TokenCounter.countText(
                                tokenizerModel, request.path("input").toString()),
                        0);
        return of(price, usage, tier(request, null));
    }

    public static CallCost of(ModelPrice price, Usage usage, ServiceTier tier) {
        CostBreakdown cost = price.free() ? CostBreakdown.zero() : CostCalculator.cost(price, usage, tier);
        return new CallCost(usage, cost, tier);
    }

    /** The total in USD as a plain decimal string (no exponent), as the cost headers carry it. */
    public String totalText() {
        return cost.total().toPlainString();
    }

    private static ServiceTier tier(JsonNode request, String responseTier) {
        if (responseTier != null && !responseTier.isBlank()) {
            return ServiceTier.parse(responseTier);
        }
        JsonNode requested = request.get("service_tier");
        return requested != null && requested.isTextual()
                ? ServiceTier.parse(requested.asText())
                : ServiceTier.STANDARD;
    }
}
