package dev.tollgate.gateway.cost;

import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.pricing.ModelPrice;
import dev.tollgate.pricing.PriceCatalog;
import dev.tollgate.pricing.TokenCounter;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The price of every configured model, resolved once at start-up: the bundled LiteLLM map (or the
 * newer map named by {@code settings.prices_file}), with the per-model {@code pricing:} overrides from
 * {@code tollgate.yml} on top. A configured model with no price is reported at start-up and refused at
 * request time (never a silent $0) unless it is marked {@code free: true}. Built once, with the tokenizer
 * warmed; the proxy handler and the local runtime create it at start-up, so the first call pays no
 * loading cost (and a SnapStart snapshot already holds them).
 */
@Singleton
public class PriceBook {
    private static final Logger LOG = LoggerFactory.getLogger(PriceBook.class);

    private final Map<ModelDeployment, ModelPrice> byDeployment;
    private final List<ModelDeployment> ordered;
    private final List<String> unpriced;
    private final PriceCatalog catalog;

    /**
     * @param pricesFile a newer price map that replaces the bundled one: {@code tollgate.prices-file}
     *                   (env {@code TOLLGATE_PRICES_FILE}, how the CDK stack passes an S3 URI), else
     *                   {@code settings.prices_file}; a path or {@code s3://bucket/key}
     * @param s3         reads a price map from S3
     */
    @Inject
    public PriceBook(GatewayConfig config, @Value("${tollgate.prices-file:}") String pricesFile, S3PriceFiles s3) {
        this(
                config,
                loadCatalog(
                        pricesFile == null || pricesFile.isBlank()
                                ? config.settings().pricesFile()
                                : pricesFile,
                        s3));
    }

    public PriceBook(GatewayConfig config) {
        this(config, loadCatalog(config.settings().pricesFile(), null));
    }

    private PriceBook(GatewayConfig config, PriceCatalog base) {
        Map<String, Map<String, Object>> overrides = new LinkedHashMap<>();
        List<ModelDeployment> models = config.models();
        for (int i = 0; i < models.size(); i++) {
            ModelDeployment d = models.get(i);
            if (d.pricing() != null && !d.pricing().isEmpty()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                base.resolve(d.providerId(), d.upstreamModel(), d.baseModel())
                        .ifPresent(p -> fields.putAll(p.toFields()));
                fields.putAll(d.pricing());
                overrides.put(overrideKey(d, i), fields);
            }
        }
        PriceCatalog catalog;
        try {
            catalog = base.withOverrides(overrides);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("pricing in " + config.source() + ": " + e.getMessage(), e);
        }
        // keyed by identity: the deployments are the configuration's own instances, and a record's
        // hashCode walks every field (pricing and header maps) on each lookup
        Map<ModelDeployment, ModelPrice> prices = new IdentityHashMap<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            ModelDeployment d = models.get(i);
            Optional<ModelPrice> price = d.pricing() != null && !d.pricing().isEmpty()
                    ? catalog.find(overrideKey(d, i))
                    : catalog.resolve(d.providerId(), d.upstreamModel(), d.baseModel());
            price.ifPresentOrElse(p -> prices.put(d, p), () -> missing.add(d.name()));
        }
        this.catalog = base;
        this.byDeployment = Collections.unmodifiableMap(prices);
        this.ordered = List.copyOf(models);
        TokenCounter.countText("gpt-4o", "warm up both encodings");
        TokenCounter.countText("gpt-4", "warm up both encodings");
        this.unpriced = List.copyOf(missing);
        if (!missing.isEmpty()) {
            LOG.warn(
                    "No price for configured model(s) {}: calls to them are refused until they are priced "
                            + "(pricing: {{input_cost_per_token: …, output_cost_per_token: …}}, base_model: <catalogue name>, or free: true)",
                    missing);
        }
    }

    /** The price of a configured model, or a 400 that says how to price it. */
    public ModelPrice priceOf(ModelDeployment deployment) {
        ModelPrice price = byDeployment.get(deployment);
        if (price == null) {
            throw new GatewayException(
                    400,
                    "invalid_request_error",
                    "Model '" + deployment.name()
                            + "' has no known price, so Tollgate will not call it. Price it in tollgate.yml under the model: "
                            + "'base_model: <a model in the price map>', or 'pricing: {input_cost_per_token: 0.0000025, "
                            + "output_cost_per_token: 0.00001}', or mark it 'pricing: {free: true}'.",
                    "model",
                    "model_not_priced");
        }
        return price;
    }

    /** Any model of the price catalogue by its catalogue name (the cost endpoints price unconfigured models too). */
    public Optional<ModelPrice> catalogue(String model) {
        return model == null || model.isBlank() ? Optional.empty() : catalog.find(model);
    }

    /** The price of a public name's first deployment. */
    public Optional<ModelPrice> find(String modelName) {
        return ordered.stream()
                .filter(d -> d.name().equals(modelName) && byDeployment.containsKey(d))
                .map(byDeployment::get)
                .findFirst();
    }

    /** The price of one deployment, if it has one. */
    public Optional<ModelPrice> find(ModelDeployment deployment) {
        return Optional.ofNullable(byDeployment.get(deployment));
    }

    public List<String> unpricedModels() {
        return unpriced;
    }

    /**
     * The catalogue key of a configured override: {@code tollgate-config/<name>#<entry>/<model>}. The
     * last segment is the model the tokenizer counts as (the base model, else the upstream model).
     */
    private static String overrideKey(ModelDeployment d, int entry) {
        return "tollgate-config/" + d.name() + "#" + entry + "/"
                + (d.baseModel() != null ? d.baseModel() : d.upstreamModel());
    }

    private static PriceCatalog loadCatalog(String pricesFile, S3PriceFiles s3) {
        if (pricesFile == null || pricesFile.isBlank()) {
            return PriceCatalog.bundled();
        }
        try {
            if (pricesFile.startsWith("s3://")) {
                byte[] json = (s3 != null ? s3 : new S3PriceFiles(null)).read(pricesFile);
                LOG.info("Prices from {} ({} bytes)", pricesFile, json.length);
                return PriceCatalog.fromJson(new ByteArrayInputStream(json), ModelPrice.Source.FILE);
            }
            return PriceCatalog.fromFile(Path.of(pricesFile));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("cannot load the price map " + pricesFile + ": " + e.getMessage(), e);
        }
    }
}
