package dev.tollgate.analytics.sla;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One {@code sla_definition} row: targets for the calls of {@code provider} ({@code ""} = any) to the
 * models matching {@code modelPattern} (a glob of {@code *} and {@code ?}), judged over the last
 * {@code windowMinutes} of complete five-minute buckets. A null target is not checked.
 */
public record SlaDefinition(
        String id,
        String name,
        String provider,
        String modelPattern,
        Integer targetP50Ms,
        Integer targetP95Ms,
        Integer targetP99Ms,
        Double targetErrorRate,
        Double targetAvailability,
        int windowMinutes,
        Instant createdAt,
        Instant updatedAt) {

    /** True when this definition covers calls of {@code provider} to {@code model}. */
    public boolean covers(String provider, String model) {
        return (this.provider.isEmpty() || this.provider.equals(provider))
                && glob(modelPattern).matcher(model).matches();
    }

    /** The regular expression of a glob: {@code *} any run of characters, {@code ?} one, the rest literal. */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
