package dev.tollgate.gateway.bridge;

/**
 * One server-sent event of a bridged stream: its {@code event:} name (null for none) and its
 * {@code data:} payload, and an optional comment line (how Tollgate adds the call's cost at the end).
 */
public record StreamEvent(String name, String data, String comment) {

    public static StreamEvent named(String name, String data) {
        return new StreamEvent(name, data, null);
    }

    public StreamEvent withComment(String text) {
        return new StreamEvent(name, data, text);
    }
}
