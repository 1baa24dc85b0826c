package dev.tollgate.gateway.spendlog;

import java.util.regex.Pattern;

/**
 * Masks e-mail addresses, phone numbers and payment-card numbers in logged prompts and responses
 * (logged only where a key or team opts in with {@code log_content: true}).
 */
final class ContentRedaction {
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern CARD = Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w])\\+?\\d[\\d ().-]{7,}\\d(?![\\w])");

    private ContentRedaction() {}

    static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = EMAIL.matcher(text).replaceAll("[email]");
        out = CARD.matcher(out).replaceAll("[card]");
        return PHONE.matcher(out).replaceAll("[phone]");
    }
}
