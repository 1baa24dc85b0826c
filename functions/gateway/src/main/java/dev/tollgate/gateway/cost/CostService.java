package dev.tollgate.gateway.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.admission.BudgetScopes;
import dev.tollgate.gateway.admission.CallSubject;
import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.identity.Principal;
import dev.tollgate.gateway.request.RequestValidator;
import dev.tollgate.gateway.routing.ModelResolver;
import dev.tollgate.pricing.CostPredictor;
import dev.tollgate.pricing.ModelPrice;
import dev.tollgate.pricing.Prediction;
import dev.tollgate.pricing.ServiceTier;
import dev.tollgate.pricing.TokenCounter;
import dev.tollgate.pricing.Usage;
import dev.tollgate.pricing.UsageParser;
import jakarta.inject.Singleton;
import java.math.BigDecimal;

/**
 * The cost endpoints: what a usage block costs ({@code /spend/calculate}), what a request is expected
 * to cost at most ({@code /predict}), and the prices in force ({@code /pricing}, {@code /model/info}).
 * The same price book and arithmetic as the proxy.
 */
@Singleton
public class CostService {
    private final ModelResolver models;
    private final PriceBook prices;
    private final GatewayConfig config;
    private final ObjectMapper json;
    private final BudgetScopes budgets;

    public CostService(
            ModelResolver models, PriceBook prices, GatewayConfig config, ObjectMapper json, BudgetScopes budgets) {
        this.budgets = budgets;
        this.models = models;
        this.prices = prices;
        this.config = config;
        this.json = json;
    }

    /** {@code {model, usage}} (OpenAI, Anthropic, Bedrock or Gemini usage shape) or {@code {model, messages, completion}}. */
    public ObjectNode calculate(ObjectNode body) {
        Priced priced = priced(body);
        ModelPrice price = priced.price();
        Usage usage = usage(body, priced.tokenizer());
        CallCost cost = CallCost.of(
                price, usage, ServiceTier.parse(body.path("service_tier").asText(null)));
        ObjectNode answer = json.createObjectNode();
        answer.put("model", priced.name());
        answer.put("priced_as", price.key());
        answer.put("service_tier", cost.tier().name().toLowerCase(java.util.Locale.ROOT));
        answer.set("usage", CostViews.usage(json, usage));
        answer.set("cost", CostViews.breakdown(json, cost.cost()));
        answer.put("cost_usd", cost.cost().total());
        return answer;
    }

    /**
     * {@code {model, messages, max_tokens}}: input tokens, the expected and the worst-case cost; for a
     * virtual key, also what remains of the tightest budget that applies and whether the worst case fits.
     */
    public ObjectNode predict(ObjectNode body, Principal principal) {
        Priced priced = priced(body);
        RequestValidator.chat(body);
        Prediction prediction = CostPredictor.predict(priced.price(), body);
        ObjectNode answer = CostViews.prediction(json, priced.name(), prediction);
        if (principal != null && principal.key() != null) {
            BigDecimal remaining = budgets.remaining(CallSubject.of(principal, body, null));
            if (remaining != null) {
                boolean fits = prediction.maxCostUsd().compareTo(remaining) <= 0;
                answer.put("budget_remaining_usd", remaining);
                answer.put("within_budget", fits);
                if (!fits) {
                    answer.put(
                            "warning",
                            "The worst case ($" + prediction.maxCostUsd().toPlainString() + ") exceeds the remaining "
                                    + "budget ($" + remaining.toPlainString()
                                    + "): the call would have its max_tokens lowered, "
                                    + "or be refused if not even some output fits.");
                }
            } else {
                answer.put("within_budget", true);
            }
        }
        return answer;
    }

    public ObjectNode pricing() {
        ObjectNode answer = json.createObjectNode();
        ArrayNode data = answer.putArray("data");
        for (ModelDeployment d : config.models()) {
            prices.find(d)
                    .ifPresentOrElse(
                            p -> data.add(CostViews.price(json, d.name(), p)),
                            () -> data.addObject()
                                    .put("model", d.name())
                                    .put("source", "unpriced")
                                    .put("free", false));
        }
        answer.set("unpriced_models", json.valueToTree(prices.unpricedModels()));
        return answer;
    }

    public ObjectNode modelInfo() {
        ObjectNode answer = json.createObjectNode();
        ArrayNode data = answer.putArray("data");
        for (ModelDeployment d : config.models()) {
            data.add(CostViews.modelInfo(
                    json,
                    d.name(),
                    d.upstreamModel(),
                    d.providerId(),
                    prices.find(d).orElse(null)));
        }
        return answer;
    }

    /** A model to price: its public name, its price and the model its tokens are counted as. */
    private record Priced(String name, ModelPrice price, String tokenizer) {}

    /**
     * A configured model at its configured price; else, as LiteLLM's cost endpoints do, any model of
     * the price catalogue ({@code gpt-4.1}, {@code claude-sonnet-4-5}, …); else the 404 naming the
     * nearest configured names.
     */
    private Priced priced(ObjectNode body) {
        String model = RequestValidator.model(body);
        try {
            ModelDeployment d = models.resolve(model);
            return new Priced(d.name(), prices.priceOf(d), d.baseModel() != null ? d.baseModel() : d.upstreamModel());
        } catch (GatewayException e) {
            if (e.status() != 404) {
                throw e;
            }
            return prices.catalogue(model).map(p -> new Priced(model, p, model)).orElseThrow(() -> e);
        }
    }

    private Usage usage(ObjectNode body, String tokenizer) {
        JsonNode usage = body.get("usage");
        if (usage != null && usage.isObject()) {
            if (usage.has("input_tokens")) {
                return UsageParser.anthropic(usage);
            }
            if (usage.has("inputTokens")) {
                return UsageParser.bedrockConverse(usage);
            }
            if (usage.has("promptTokenCount")) {
                return UsageParser.gemini(usage);
            }
            if (usage.has("prompt_tokens")) {
                return UsageParser.openAiChat(usage);
            }
            throw GatewayException.invalidRequest(
                    "'usage' must be an OpenAI, Anthropic, Bedrock or Gemini usage object", "usage");
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray()) {
            throw GatewayException.invalidRequest(
                    "Send either 'usage', or 'messages' (and optionally 'completion')", "usage");
        }
        RequestValidator.chat(body);
        return Usage.estimated(
                TokenCounter.countMessages(tokenizer, messages),
                TokenCounter.countText(tokenizer, body.path("completion").asText("")));
    }
}
