package dev.tollgate.pricing;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns LiteLLM field maps (from JSON or configuration) into {@link ModelPrice}s. */
final class ModelPriceFields {

    private ModelPriceFields() {}

    static ModelPrice parse(String key, Map<String, ?> fields, ModelPrice.Source source) {
        Map<String, BigDecimal> rates = new HashMap<>();
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            String name = field.getKey();
            Object value = field.getValue();
            if (name.contains("cost") && value != null && !(value instanceof Map) && !(value instanceof List)) {
                rates.put(name, rate(key, name, value));
            }
        }
        addTieredPricing(key, fields.get("tiered_pricing"), rates);
        Integer maxOutput = integer(fields.get("max_output_tokens"));
        return new ModelPrice(
                key,
                text(fields.get("litellm_provider")),
                text(fields.get("mode")),
                integer(fields.get("max_input_tokens")),
                maxOutput != null ? maxOutput : integer(fields.get("max_tokens")),
                rates,
                bool(fields.get("free")),
                bool(fields.get("supports_reasoning")),
                source);
    }

    /**
     * LiteLLM's {@code tiered_pricing: [{input_cost_per_token, range: [lo, hi]}, …]} becomes
     * the base fields (range starting at 0) and {@code _above_<lo/1000>k_tokens} fields.
     * Explicit fields win. Ranges that are not token ranges are ignored.
     */
    private static void addTieredPricing(String key, Object tiers, Map<String, BigDecimal> rates) {
        if (!(tiers instanceof List<?> list)) {
            return;
        }
        for (Object tier : list) {
            if (!(tier instanceof Map<?, ?> map) || !(map.get("range") instanceof List<?> range) || range.isEmpty()) {
                continue;
            }
            BigDecimal from = decimal(range.get(0));
            if (from == null
                    || from.signum() < 0
                    || from.remainder(BigDecimal.valueOf(1000)).signum() != 0) {
                continue;
            }
            String suffix = from.signum() == 0
                    ? ""
                    : "_above_" + from.divide(BigDecimal.valueOf(1000)).intValue() + "k_tokens";
            for (Map.Entry<?, ?> field : map.entrySet()) {
                String name = String.valueOf(field.getKey());
                if (name.contains("cost") && field.getValue() != null) {
                    rates.putIfAbsent(name + suffix, rate(key, name, field.getValue()));
                }
            }
        }
    }

    private static BigDecimal rate(String key, String field, Object value) {
        BigDecimal rate = decimal(value);
        if (rate == null) {
            throw new IllegalArgumentException("price of " + key + ": " + field + " is not a number: " + value);
        }
        if (rate.signum() < 0) {
            throw new IllegalArgumentException("price of " + key + ": " + field + " is negative: " + value);
        }
        return rate;
    }

    static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Double || value instanceof Float) {
            // Double.toString gives the shortest decimal that round-trips: 1.5E-7, not 1.4999…E-7.
            return new BigDecimal(value.toString());
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof String s) {
            try {
                return new BigDecimal(s.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Integer integer(Object value) {
        BigDecimal d = decimal(value);
        if (d == null || d.signum() < 0) {
            return null;
        }
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    private static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return value instanceof String s && s.trim().toLowerCase(Locale.ROOT).equals("true");
    }
}
