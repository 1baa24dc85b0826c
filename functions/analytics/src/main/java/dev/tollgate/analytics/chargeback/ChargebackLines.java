package dev.tollgate.analytics.chargeback;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact lines of a month (docs/chargeback.md, "Tag rules"): each call's cost is booked exactly once.
 *
 * <ol>
 *   <li>A call carrying a tag that has rules is claimed by one such tag: the first of its tags, in
 *       alphabetical order, that has rules. That tag's rules take their percentages of the call's cost
 *       (lines of the call's team, naming the tag rule).</li>
 *   <li>What the tag rules leave, and every call without a claimed tag, goes to the team's pool, which
 *       the team's rules split as before.</li>
 *   <li>What the team's rules leave is the team's {@code unallocated} line.</li>
 * </ol>
 * Tag totals overlap (a call tagged {@code prod} and {@code batch} counts fully in both tags' reports);
 * here a call is claimed by one tag, so nothing is double-booked, and every share is computed from the
 * same exact amounts, so the lines still sum exactly to the month's spend.
 */
final class ChargebackLines {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ChargebackLines() {}

    /**
     * @param spend per team, per tag set of its calls (a call's sorted tags; empty for untagged calls), the cost
     * @return lines in order (per team: its tag rules' lines, its team rules' lines, then unallocated), cents unset
     */
    static List<ChargebackReports.Line> exact(
            Map<String, Map<List<String>, BigDecimal>> spend, List<AllocationRules.Rule> rules) {
        Map<String, List<AllocationRules.Rule>> byTag = new LinkedHashMap<>();
        for (AllocationRules.Rule r : rules) {
            if (r.tag() != null) {
                byTag.computeIfAbsent(r.tag(), t -> new ArrayList<>()).add(r);
            }
        }
        List<ChargebackReports.Line> out = new ArrayList<>();
        for (Map.Entry<String, Map<List<String>, BigDecimal>> team : spend.entrySet()) {
            BigDecimal pool = BigDecimal.ZERO;
            Map<String, BigDecimal> byRule = new LinkedHashMap<>();
            Map<String, AllocationRules.Rule> ruleOf = new LinkedHashMap<>();
            for (Map.Entry<List<String>, BigDecimal> calls : team.getValue().entrySet()) {
                String claimed = calls.getKey().stream()
                        .sorted()
                        .filter(byTag::containsKey)
                        .findFirst()
                        .orElse(null);
                BigDecimal left = calls.getValue();
                if (claimed != null) {
                    for (AllocationRules.Rule r : byTag.get(claimed)) {
                        BigDecimal share =
                                calls.getValue().multiply(r.percent()).divide(HUNDRED);
                        byRule.merge(r.id(), share, BigDecimal::add);
                        ruleOf.put(r.id(), r);
                        left = left.subtract(share);
                    }
                }
                pool = pool.add(left);
            }
            for (Map.Entry<String, BigDecimal> e : byRule.entrySet()) {
                out.add(line(out.size() + 1, team.getKey(), ruleOf.get(e.getKey()), e.getValue()));
            }
            BigDecimal left = pool;
            BigDecimal leftPercent = HUNDRED;
            for (AllocationRules.Rule r : rules) {
                if (!team.getKey().equals(r.teamId())) {
                    continue;
                }
                BigDecimal share = pool.multiply(r.percent()).divide(HUNDRED);
                left = left.subtract(share);
                leftPercent = leftPercent.subtract(r.percent());
                out.add(line(out.size() + 1, team.getKey(), r, share));
            }
            if (left.signum() != 0 || (leftPercent.signum() > 0 && byRule.isEmpty())) {
                out.add(new ChargebackReports.Line(
                        out.size() + 1,
                        team.getKey(),
                        null,
                        null,
                        ChargebackReports.UNALLOCATED,
                        ChargebackReports.UNALLOCATED,
                        leftPercent,
                        "{}",
                        left,
                        null));
            }
        }
        return out;
    }

    private static ChargebackReports.Line line(int no, String team, AllocationRules.Rule r, BigDecimal cost) {
        return new ChargebackReports.Line(
                no, team, r.id(), r.name(), r.type(), r.target(), r.percent(), r.metadata(), cost, null);
    }
}
