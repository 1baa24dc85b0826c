package dev.tollgate.analytics.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * FinOps FOCUS 1.3 rows from the daily rollups: one per day × scope (key, user, team, end user, tag
 * set) × model × token kind ({@code input}, {@code cache_read}, {@code cache_write}, {@code output}).
 * Σ BilledCost equals Σ cost of the rollups exactly: every token kind carries its recorded cost (the
 * spend-log line's {@code input_cost}, {@code cache_read_cost}, {@code cache_write_cost},
 * {@code output_cost}), so these rows equal what {@code athena-queries/focus_export.sql} computes from the
 * S3 lines. Lines written before {@code input_cost}/{@code output_cost} existed leave a remainder, which is
 * split between input and output in proportion to the model's list rates (an allocation), the output row
 * taking the rounding remainder. Columns FOCUS defines that a gateway cannot know are null (docs/analytics.md).
 */
public final class FocusRow {
    /** The columns, in output order. */
    public static final List<String> COLUMNS = List.of(
            "BilledCost",
            "BillingAccountId",
            "BillingAccountName",
            "BillingCurrency",
            "BillingPeriodEnd",
            "BillingPeriodStart",
            "ChargeCategory",
            "ChargeClass",
            "ChargeDescription",
            "ChargeFrequency",
            "ChargePeriodEnd",
            "ChargePeriodStart",
            "CommitmentDiscountId",
            "ConsumedQuantity",
            "ConsumedUnit",
            "ContractedCost",
            "ContractedUnitPrice",
            "EffectiveCost",
            "HostProviderName",
            "InvoiceIssuerName",
            "ListCost",
            "ListUnitPrice",
            "PricingCategory",
            "PricingQuantity",
            "PricingUnit",
            "RegionId",
            "ResourceId",
            "ResourceName",
            "ResourceType",
            "ServiceCategory",
            "ServiceName",
            "ServiceProviderName",
            "ServiceSubcategory",
            "SkuId",
            "SkuPriceId",
            "SubAccountId",
            "SubAccountName",
            "Tags",
            "x_TokenKind",
            "x_Requests");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    /** List rates per token of a model: input and output; null when the model has no known price. */
    public record Rates(BigDecimal input, BigDecimal output) {}

    private FocusRow() {}

    /** The FOCUS rows of one rollup group (grouped by day, key, user, team, end user, model, provider, tag set). */
    public static List<Map<String, Object>> of(RollupRow r, ZoneId zone, Function<String, Rates> rates) {
        Totals t = r.totals();
        BigDecimal rest = t.cost().subtract(t.cacheReadCost()).subtract(t.cacheWriteCost());
        long input = t.uncachedInputTokens();
        long output = t.completionTokens();
        BigDecimal unsplit = rest.subtract(t.inputCost()).subtract(t.outputCost());
        BigDecimal inputCost = unsplit.signum() == 0
                ? t.inputCost()
                : t.inputCost().add(inputShare(unsplit, input, output, rates.apply(r.get(Dim.MODEL))));
        List<Map<String, Object>> rows = new ArrayList<>();
        add(rows, r, zone, "input", input, inputCost);
        add(rows, r, zone, "cache_read", t.cacheReadTokens(), t.cacheReadCost());
        add(rows, r, zone, "cache_write", t.cacheWriteTokens(), t.cacheWriteCost());
        add(rows, r, zone, "output", output, rest.subtract(inputCost));
        if (rows.isEmpty() && t.requests() > 0) {
            add(rows, r, zone, "requests", 0, BigDecimal.ZERO, true); // refused calls: visible, no cost
        }
        return rows;
    }

    static BigDecimal inputShare(BigDecimal rest, long input, long output, Rates rates) {
        if (input == 0) {
            return BigDecimal.ZERO;
        }
        if (output == 0) {
            return rest;
        }
        BigDecimal in = rates == null || rates.input() == null ? BigDecimal.ONE : rates.input();
        BigDecimal out = rates == null || rates.output() == null ? BigDecimal.ONE : rates.output();
        BigDecimal inValue = in.multiply(BigDecimal.valueOf(input));
        BigDecimal whole = inValue.add(out.multiply(BigDecimal.valueOf(output)));
        if (whole.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return rest.multiply(inValue).divide(whole, 12, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    private static void add(
            List<Map<String, Object>> rows, RollupRow r, ZoneId zone, String kind, long tokens, BigDecimal cost) {
        add(rows, r, zone, kind, tokens, cost, false);
    }

    private static void add(
            List<Map<String, Object>> rows,
            RollupRow r,
            ZoneId zone,
            String kind,
            long tokens,
            BigDecimal cost,
            boolean force) {
        if (!force && tokens == 0 && cost.signum() == 0) {
            return;
        }
        LocalDate day = LocalDate.parse(r.get(Dim.DAY));
        String provider = r.orNull(Dim.PROVIDER);
        String model = r.orNull(Dim.MODEL);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("BilledCost", cost.stripTrailingZeros());
        row.put("BillingAccountId", null);
        row.put("BillingAccountName", null);
        row.put("BillingCurrency", "USD");
        row.put(
                "BillingPeriodEnd",
                day.withDayOfMonth(1).plusMonths(1).atStartOfDay(zone).format(TIME));
        row.put("BillingPeriodStart", day.withDayOfMonth(1).atStartOfDay(zone).format(TIME));
        row.put("ChargeCategory", "Usage");
        row.put("ChargeClass", null);
        row.put(
                "ChargeDescription",
                (model == null ? "unresolved model" : model) + " " + kind + " tokens"
                        + (provider == null ? "" : " via " + provider));
        row.put("ChargeFrequency", "Usage-Based");
        row.put("ChargePeriodEnd", day.plusDays(1).atStartOfDay(zone).format(TIME));
        row.put("ChargePeriodStart", day.atStartOfDay(zone).format(TIME));
        row.put("CommitmentDiscountId", null);
        row.put("ConsumedQuantity", tokens);
        row.put("ConsumedUnit", "Tokens");
        row.put("ContractedCost", cost.stripTrailingZeros());
        row.put("ContractedUnitPrice", null);
        row.put("EffectiveCost", cost.stripTrailingZeros());
        row.put("HostProviderName", host(provider));
        row.put("InvoiceIssuerName", host(provider));
        row.put("ListCost", cost.stripTrailingZeros());
        row.put("ListUnitPrice", null);
        row.put("PricingCategory", "Standard");
        row.put("PricingQuantity", tokens);
        row.put("PricingUnit", "Tokens");
        row.put("RegionId", null);
        row.put("ResourceId", r.orNull(Dim.KEY));
        row.put("ResourceName", r.keyAlias() == null || r.keyAlias().isEmpty() ? null : r.keyAlias());
        row.put("ResourceType", "Virtual Key");
        row.put("ServiceCategory", "AI and Machine Learning");
        row.put("ServiceName", provider == null ? null : provider + " " + (model == null ? "" : model));
        row.put("ServiceProviderName", provider);
        row.put("ServiceSubcategory", "Generative AI");
        row.put("SkuId", model);
        row.put("SkuPriceId", model == null ? null : model + ":" + kind);
        row.put("SubAccountId", r.orNull(Dim.TEAM));
        row.put("SubAccountName", r.orNull(Dim.TEAM));
        row.put("Tags", tags(r));
        row.put("x_TokenKind", kind);
        row.put("x_Requests", r.totals().requests());
        rows.add(row);
    }

    /** Who hosts a provider's models (Bedrock: AWS; Azure: Microsoft); else the provider itself. */
    private static String host(String provider) {
        if (provider == null) {
            return null;
        }
        return switch (provider) {
            case "bedrock" -> "AWS";
            case "azure" -> "Microsoft";
            case "mock" -> "Tollgate";
            default -> provider;
        };
    }

    private static String tags(RollupRow r) {
        StringBuilder json = new StringBuilder("{");
        appendTag(json, "team", r.orNull(Dim.TEAM));
        appendTag(json, "user", r.orNull(Dim.USER));
        appendTag(json, "key_alias", r.keyAlias() == null || r.keyAlias().isEmpty() ? null : r.keyAlias());
        appendTag(json, "end_user", r.orNull(Dim.END_USER));
        appendTag(json, "requested_model", r.orNull(Dim.REQUESTED_MODEL));
        String tagSet = r.get(Dim.TAG_SET);
        if (!tagSet.isEmpty() && !tagSet.equals("[]")) {
            json.append(json.length() > 1 ? "," : "")
                    .append("\"request_tags\":")
                    .append(tagSet);
        }
        return json.append('}').toString();
    }

    private static void appendTag(StringBuilder json, String name, String value) {
        if (value == null) {
            return;
        }
        json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(name)
                .append("\":\"")
                .append(value.replace("\\", "\\\\").replace("\"", "\\\""))
                .append('"');
    }
}
