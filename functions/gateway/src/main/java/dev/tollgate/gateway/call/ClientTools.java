package dev.tollgate.gateway.call;

import java.util.Locale;

/**
 * Names the tool behind a call from its {@code User-Agent}, so spend can be reported by client
 * ("how much goes through Claude Code?"). The first rule that matches wins; an agent CLI is checked
 * before the SDK it is built on (Claude Code sends {@code claude-cli/…}, Codex {@code codex_cli_rs/…}).
 */
public final class ClientTools {
    public static final String OTHER = "other";

    private ClientTools() {}

    /** The normalised client, or null when no user agent was sent. */
    public static String of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        if (ua.startsWith("claude-cli") || ua.contains("claude-code")) {
            return "claude-code";
        }
        if (ua.startsWith("codex") || ua.contains("codex_cli") || ua.contains("codex-cli")) {
            return "codex";
        }
        if (ua.contains("cursor")) {
            return "cursor";
        }
        if (ua.startsWith("anthropic/") || ua.startsWith("anthropicclientimpl/") || ua.contains("anthropic-sdk")) {
            return "anthropic-sdk";
        }
        if (ua.startsWith("openai/python") || ua.startsWith("openai-python")) {
            return "openai-python";
        }
        if (ua.startsWith("openai/js") || ua.startsWith("openai-node") || ua.startsWith("openai/node")) {
            return "openai-node";
        }
        if (ua.startsWith("openai/java") || ua.startsWith("openaiclientimpl/java")) {
            return "openai-java";
        }
        if (ua.startsWith("curl/")) {
            return "curl";
        }
        return OTHER;
    }
}
