package dev.tollgate.gateway.spendlog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** How values are normalised before they enter a spend-log line (money, hosts, error text, tags). */
final class SpendLogValues {

    /** Decimal places kept for money: the price book's finest (per-second audio rates). */
    static final int MONEY_SCALE = 12;

    /** Longest error message kept, in characters. */
    static final int MAX_ERROR_MESSAGE = 300;

    private static final Pattern SECRET = Pattern.compile(
            "(?i)(sk-[a-z0-9_\\-]{6,}|bearer\\s+\\S+|(api[_-]?key|key|token|secret|password)=[^&\\s\"']+"
                    + "|AKIA[0-9A-Z]{16})");

    private SpendLogValues() {}

    /** Plain, no trailing zeros, at most {@link #MONEY_SCALE} places (half-up beyond); null stays null. */
    static BigDecimal money(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal value = amount.scale() > MONEY_SCALE ? amount.setScale(MONEY_SCALE, RoundingMode.HALF_UP) : amount;
        value = value.stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    /** {@code https://user:pw@api.example.com:8443/v1?key=x} → {@code api.example.com:8443}; a bare host stays. */
    static String hostOnly(String apiBase) {
        if (apiBase == null || apiBase.isBlank()) {
            return null;
        }
        String text = apiBase.strip();
        try {
            URI uri = URI.create(text.contains("://") ? text : "http://" + text);
            if (uri.getHost() != null) {
                return uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
            }
        } catch (IllegalArgumentException e) {
            // not a URI: fall through to the cautious cut below
        }
        String rest = text.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        rest = rest.substring(rest.lastIndexOf('@') + 1);
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        return rest.substring(0, end);
    }

    /** Short and without anything that looks like a credential; null stays null. */
    static String errorMessage(String message) {
        if (message == null) {
            return null;
        }
        String redacted =
                SECRET.matcher(message.replace('\n', ' ').replace('\r', ' ')).replaceAll("[redacted]");
        return redacted.length() <= MAX_ERROR_MESSAGE ? redacted : redacted.substring(0, MAX_ERROR_MESSAGE - 3) + "...";
    }

    /** Distinct, non-blank, in the order given; never null. */
    static List<String> tags(List<String> tags) {
        if (tags == null || tags.isEmpty()) {
            return List.of();
        }
        LinkedHashSet<String> kept = new LinkedHashSet<>();
        for (String tag : tags) {
            if (tag != null && !tag.isBlank()) {
                kept.add(tag);
            }
        }
        return List.copyOf(new ArrayList<>(kept));
    }

    /** Sorted by key (so a line's bytes never depend on hash order), null values dropped; never null. */
    static Map<String, String> metadata(Map<String, String> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return Map.of();
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        metadata.forEach((k, v) -> {
            if (k != null && v != null) {
                sorted.put(k, v);
            }
        });
        return Collections.unmodifiableMap(sorted);
    }
}
