package dev.tollgate.pricing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable catalogue of {@link ModelPrice}s in LiteLLM's cost-map format.
 *
 * <p>Sources, lowest precedence first: the {@link #bundled()} map (parsed once, lazily);
 * or a newer map loaded with {@link #fromFile(Path)} that replaces it whole; then
 * {@link #withOverrides(Map) overrides} from configuration, which change only the fields
 * they name. JSON numbers are read as exact decimals ({@code 1.5e-07} is 0.00000015).
 * Lookups are map reads (resolved names are memoised, up to 4,096): no I/O after loading.
 */
public final class PriceCatalog {

    static final String BUNDLED_RESOURCE = "model_prices_and_context_window.json";
    private static final int RESOLVE_MEMO_LIMIT = 4096;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final Map<String, ModelPrice> byKey;
    private final Map<String, ModelPrice> byLowerCaseKey;
    /** Resolved hits by (provider, model, base model); bounded so request-chosen names cannot grow it. */
    private final Map<String, ModelPrice> resolved = new ConcurrentHashMap<>();

    private PriceCatalog(Map<String, ModelPrice> byKey) {
        this.byKey = Collections.unmodifiableMap(new LinkedHashMap<>(byKey));
        Map<String, ModelPrice> lower = new HashMap<>();
        byKey.forEach((key, price) -> lower.putIfAbsent(key.toLowerCase(Locale.ROOT), price));
        this.byLowerCaseKey = lower;
    }

    private static final class Bundled {
        static final PriceCatalog CATALOG = load();

        private static PriceCatalog load() {
            try (InputStream in = PriceCatalog.class.getResourceAsStream(BUNDLED_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("bundled price map missing: " + BUNDLED_RESOURCE);
                }
                return fromJson(in, ModelPrice.Source.BUNDLED);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read bundled price map", e);
            }
        }
    }

    /** The LiteLLM map bundled in this jar (loaded on first use, then shared). */
    public static PriceCatalog bundled() {
        return Bundled.CATALOG;
    }

    /**
     * Parses a LiteLLM cost map. The {@code sample_spec} entry and non-object entries are skipped.
     *
     * @throws IOException if the stream is not a JSON object
     * @throws IllegalArgumentException if an entry has a negative or non-numeric cost field
     */
    public static PriceCatalog fromJson(InputStream json, ModelPrice.Source source) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IOException("a LiteLLM price map must be a JSON object of model entries");
        }
        Map<String, ModelPrice> prices = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (!entry.getKey().equals("sample_spec") && entry.getValue().isObject()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) plain(entry.getValue());
                prices.put(entry.getKey(), ModelPrice.of(entry.getKey(), fields, source));
            }
        }
        return new PriceCatalog(prices);
    }

    /** Loads a newer LiteLLM map from a file; it replaces the bundled map whole. */
    public static PriceCatalog fromFile(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return fromJson(in, ModelPrice.Source.FILE);
        }
    }

    /**
     * A new catalogue with per-model fields overridden or added, in LiteLLM field names
     * (values {@link Number}, {@link String} or {@link Boolean}; {@code free: true} marks a
     * model free; a {@code null} value removes the field). Fields not named keep their value.
     * The key must match exactly: overriding {@code gpt-4o} leaves {@code azure/gpt-4o} alone.
     *
     * @throws IllegalArgumentException if a value is not a valid number, or a new model
     *         has no price and is not free
     */
    public PriceCatalog withOverrides(Map<String, ? extends Map<String, ?>> perModelFields) {
        Map<String, ModelPrice> prices = new LinkedHashMap<>(byKey);
        perModelFields.forEach((model, overrides) -> {
            ModelPrice existing = byKey.get(model);
            Map<String, Object> fields = existing == null ? new HashMap<>() : existing.toFields();
            overrides.forEach((name, value) -> {
                if (value == null) {
                    fields.remove(name);
                } else {
                    fields.put(name, value);
                }
            });
            ModelPrice price = ModelPrice.of(model, fields, ModelPrice.Source.OVERRIDE);
            if (!price.isPriced()) {
                throw new IllegalArgumentException(
                        "override for " + model + " sets no input/output cost and is not marked free: true");
            }
            prices.put(model, price);
        });
        return new PriceCatalog(prices);
    }

    /** The entry with exactly this key, else the same key ignoring case. */
    public Optional<ModelPrice> find(String model) {
        if (model == null) {
            return Optional.empty();
        }
        ModelPrice price = byKey.get(model);
        return Optional.ofNullable(price != null ? price : byLowerCaseKey.get(model.toLowerCase(Locale.ROOT)));
    }

    /**
     * Finds the price for a call: tries {@code baseModel} (if given), {@code provider/model},
     * {@code model}, then route forms (see {@link ModelNames}): {@code openai/gpt-4o} →
     * {@code gpt-4o}; {@code gemini/…}, {@code vertex_ai/…}, {@code azure/…}, {@code bedrock/…}
     * prefixes; Bedrock ids without region path, cross-region prefix ({@code us.}),
     * {@code anthropic.} and {@code -v1:0}; Vertex {@code @date}. First hit wins.
     * A regional Bedrock id that falls back to the base id may miss a regional premium.
     */
    public Optional<ModelPrice> resolve(String provider, String model, String baseModel) {
        String memoKey = Objects.toString(provider, "\u0001")
                + '\u0000'
                + Objects.toString(model, "\u0001")
                + '\u0000'
                + Objects.toString(baseModel, "\u0001");
        ModelPrice hit = resolved.get(memoKey);
        if (hit != null) {
            return Optional.of(hit);
        }
        for (String candidate : ModelNames.candidates(provider, model, baseModel)) {
            Optional<ModelPrice> price = find(candidate);
            if (price.isPresent()) {
                if (resolved.size() < RESOLVE_MEMO_LIMIT) {
                    resolved.put(memoKey, price.get());
                }
                return price;
            }
        }
        return Optional.empty();
    }

    /** Every entry, in map order. */
    public Collection<ModelPrice> all() {
        return byKey.values();
    }

    /** Number of entries. */
    public int size() {
        return byKey.size();
    }

    /** Jackson tree to plain Java values: numbers as exact {@link java.math.BigDecimal}. */
    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? null : node.asText();
    }
}
