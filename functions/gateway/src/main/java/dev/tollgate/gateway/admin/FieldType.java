package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.errors.GatewayException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * The kinds of admin request fields, each checking a value and normalizing it to the form the
 * identity records store. A JSON {@code null} clears a field (lists and maps become empty,
 * booleans false). Every refusal is a 400 whose {@code param} names the field, e.g.
 * {@code budget_limits[1].max_budget}.
 */
enum FieldType {
    /** Text. */
    STRING,
    /** USD, a JSON number, not negative. */
    MONEY,
    /** A budget window: {@code 1h}, {@code 1d}/{@code 24h}, {@code 7d}, {@code 1mo}/{@code 30d}, {@code lifetime}. */
    WINDOW,
    /** A list of {@code {"budget_duration": window, "max_budget": money}} ({@code window} is accepted for the duration). */
    BUDGET_LIMITS,
    /** A whole number, not negative. */
    COUNT,
    /** A list of strings. */
    STRINGS,
    /** Any JSON object. */
    OBJECT,
    /** true or false. */
    BOOLEAN,
    /** An object of whole numbers, not negative (per-model limits). */
    COUNT_MAP,
    /** LiteLLM's {@code model_max_budget}: model → {@code {"budget_limit": money, "time_period": window}}. */
    MODEL_BUDGETS;

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** The checked, normalized value of field {@code name}. */
    JsonNode normalize(String name, JsonNode value) {
        if (value == null || value.isNull()) {
            return switch (this) {
                case STRINGS, BUDGET_LIMITS -> NODES.arrayNode();
                case OBJECT, COUNT_MAP, MODEL_BUDGETS -> NODES.objectNode();
                case BOOLEAN -> NODES.booleanNode(false);
                default -> NODES.nullNode();
            };
        }
        return switch (this) {
            case STRING -> NODES.textNode(text(name, value));
            case MONEY -> NODES.numberNode(money(name, value));
            case WINDOW -> NODES.textNode(window(name, value));
            case BUDGET_LIMITS -> budgetLimits(name, value);
            case COUNT -> NODES.numberNode(count(name, value));
            case STRINGS -> strings(name, value);
            case OBJECT -> object(name, value);
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw invalid(name, "must be true or false");
                }
                yield value;
            }
            case COUNT_MAP -> countMap(name, value);
            case MODEL_BUDGETS -> modelBudgets(name, value);
        };
    }

    static String text(String name, JsonNode value) {
        if (!value.isTextual() || value.asText().isBlank()) {
            throw invalid(name, "must be a non-empty string");
        }
        return value.asText().trim();
    }

    static BigDecimal money(String name, JsonNode value) {
        if (!value.isNumber()) {
            throw invalid(name, "must be a number of US dollars");
        }
        BigDecimal amount = value.decimalValue();
        if (amount.signum() < 0) {
            throw invalid(name, "must not be negative (got " + amount.toPlainString() + ")");
        }
        return amount;
    }

    static String window(String name, JsonNode value) {
        String text = text(name, value);
        try {
            BudgetWindow.parse(text);
            return text;
        } catch (IllegalArgumentException e) {
            throw invalid(name, "is not a budget window: " + e.getMessage());
        }
    }

    static long count(String name, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw invalid(name, "must be a whole number, not negative");
        }
        return value.asLong();
    }

    static ArrayNode strings(String name, JsonNode value) {
        if (!value.isArray()) {
            throw invalid(name, "must be a list of strings");
        }
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < value.size(); i++) {
            out.add(text(name + "[" + i + "]", value.get(i)));
        }
        return out;
    }

    private static ObjectNode object(String name, JsonNode value) {
        if (!value.isObject()) {
            throw invalid(name, "must be a JSON object");
        }
        return (ObjectNode) value;
    }

    private static ObjectNode countMap(String name, JsonNode value) {
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = object(name, value).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), count(name + "." + e.getKey(), e.getValue()));
        }
        return out;
    }

    private static ObjectNode modelBudgets(String name, JsonNode value) {
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = object(name, value).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = name + "." + e.getKey();
            JsonNode entry = object(at, e.getValue());
            for (Iterator<String> f = entry.fieldNames(); f.hasNext(); ) {
                String field = f.next();
                if (!field.equals("budget_limit") && !field.equals("time_period")) {
                    throw invalid(at + "." + field, "is not a known field (use budget_limit and time_period)");
                }
            }
            JsonNode limit = entry.get("budget_limit");
            if (limit == null || limit.isNull()) {
                throw invalid(at + ".budget_limit", "is required");
            }
            ObjectNode normalized = out.putObject(e.getKey());
            normalized.put("budget_limit", money(at + ".budget_limit", limit));
            JsonNode period = entry.get("time_period");
            normalized.put(
                    "time_period",
                    period == null || period.isNull() ? "lifetime" : window(at + ".time_period", period));
        }
        return out;
    }

    private static ArrayNode budgetLimits(String name, JsonNode value) {
        if (!value.isArray()) {
            throw invalid(name, "must be a list of {\"budget_duration\", \"max_budget\"} objects");
        }
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < value.size(); i++) {
            String at = name + "[" + i + "]";
            JsonNode entry = value.get(i);
            if (!entry.isObject()) {
                throw invalid(at, "must be an object with budget_duration and max_budget");
            }
            for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!field.equals("budget_duration") && !field.equals("window") && !field.equals("max_budget")) {
                    throw invalid(at + "." + field, "is not a known field (use budget_duration and max_budget)");
                }
            }
            String durationField = entry.has("budget_duration") ? "budget_duration" : "window";
            JsonNode duration = entry.get(durationField);
            JsonNode max = entry.get("max_budget");
            if (duration == null || duration.isNull()) {
                throw invalid(at + ".budget_duration", "is required");
            }
            if (max == null || max.isNull()) {
                throw invalid(at + ".max_budget", "is required");
            }
            ObjectNode normalized = out.addObject();
            normalized.put("budget_duration", window(at + "." + durationField, duration));
            normalized.put("max_budget", money(at + ".max_budget", max));
        }
        return out;
    }

    static GatewayException invalid(String name, String problem) {
        return GatewayException.invalidRequest("'" + name + "' " + problem, name);
    }
}
