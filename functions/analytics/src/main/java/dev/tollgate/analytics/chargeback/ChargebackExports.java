package dev.tollgate.analytics.chargeback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.errors.GatewayException;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files of {@code GET /api/v1/chargeback/reports/{id}/export?format=csv|json|sap}. The SAP file is
 * the template {@code tollgate-sap-gl-allocation-v1} of docs/chargeback.md: a flat CSV, one debit row
 * per allocated line and one balancing credit row per company code.
 */
public final class ChargebackExports {
    public static final List<String> CSV_COLUMNS = List.of(
            "report_id",
            "period",
            "status",
            "line",
            "team_id",
            "rule_id",
            "rule_name",
            "allocation_type",
            "allocation_target",
            "allocation_percent",
            "cost",
            "amount",
            "currency");
    public static final List<String> SAP_COLUMNS = List.of(
            "CompanyCode",
            "PostingDate",
            "DocumentType",
            "GLAccount",
            "CostCenter",
            "WBSElement",
            "Amount",
            "Currency",
            "LineText");
    static final String TEMPLATE = "tollgate-sap-gl-allocation-v1";

    /** The export formats. */
    public enum Format {
        CSV("csv", "text/csv"),
        JSON("json", "application/json"),
        SAP("sap.csv", "text/csv");

        public final String extension;
        public final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }

        public static Format parse(String s) {
            if (s == null || s.isBlank()) {
                return CSV;
            }
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw GatewayException.invalidRequest("'format' must be csv, json or sap; got '" + s + "'", "format");
            }
        }
    }

    private final ObjectMapper json;
    private final ChargebackReports reports;

    public ChargebackExports(ObjectMapper json, ChargebackReports reports) {
        this.json = json;
        this.reports = reports;
    }

    public String write(Format format, ChargebackReports.Report r) {
        return switch (format) {
            case CSV -> csv(r);
            case JSON -> {
                try {
                    yield json.writerWithDefaultPrettyPrinter().writeValueAsString(reports.view(r));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            case SAP -> sap(r);
        };
    }

    static String csv(ChargebackReports.Report r) {
        StringBuilder out = new StringBuilder();
        row(out, CSV_COLUMNS);
        String period = YearMonth.from(r.period()).toString();
        for (ChargebackReports.Line l : r.lines()) {
            row(
                    out,
                    List.of(
                            r.id(),
                            period,
                            r.status(),
                            Integer.toString(l.lineNo()),
                            l.teamId(),
                            nz(l.ruleId()),
                            nz(l.ruleName()),
                            l.type(),
                            l.target(),
                            l.percent().stripTrailingZeros().toPlainString(),
                            l.cost().stripTrailingZeros().toPlainString(),
                            l.amount().toPlainString(),
                            r.currency()));
        }
        return out.toString();
    }

    /**
     * Debit rows: every allocated line (unallocated spend has no receiver and stays out; it is in the
     * csv and json files). Credit rows: per company code, minus the sum of its debits on the offset account.
     */
    String sap(ChargebackReports.Report r) {
        StringBuilder out = new StringBuilder();
        row(out, SAP_COLUMNS);
        YearMonth month = YearMonth.from(r.period());
        String postingDate = month.atEndOfMonth().format(DateTimeFormatter.BASIC_ISO_DATE);
        Map<String, BigDecimal> credits = new LinkedHashMap<>();
        Map<String, String> offsets = new LinkedHashMap<>();
        Map<String, String> docTypes = new LinkedHashMap<>();
        List<List<String>> debits = new ArrayList<>();
        for (ChargebackReports.Line l : r.lines()) {
            if (l.type().equals(ChargebackReports.UNALLOCATED) || l.amount().signum() == 0) {
                continue;
            }
            JsonNode m = AllocationRules.metadata(json, l.metadata());
            String company = m.path("company_code").asText("");
            String docType = m.path("document_type").asText("SA");
            boolean project = l.type().equals("project");
            String costCenter = project ? "" : m.path("cost_center").asText(l.target());
            String wbs = project ? m.path("wbs_element").asText(l.target()) : "";
            debits.add(List.of(
                    company,
                    postingDate,
                    docType,
                    m.path("gl_account").asText(""),
                    costCenter,
                    wbs,
                    l.amount().toPlainString(),
                    r.currency(),
                    text("LLM " + month + " team " + l.teamId() + " " + nz(l.ruleName()))));
            credits.merge(company, l.amount(), BigDecimal::add);
            offsets.putIfAbsent(company, m.path("offset_gl_account").asText(""));
            docTypes.putIfAbsent(company, docType);
        }
        debits.forEach(d -> row(out, d));
        credits.forEach((company, sum) -> row(
                out,
                List.of(
                        company,
                        postingDate,
                        docTypes.get(company),
                        offsets.get(company),
                        "",
                        "",
                        sum.negate().toPlainString(),
                        r.currency(),
                        text("LLM " + month + " chargeback offset"))));
        return out.toString();
    }

    /** SGTXT holds 50 characters. */
    private static String text(String s) {
        return s.length() <= 50 ? s : s.substring(0, 50);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break; a leading = + or @ is defused (spreadsheet formulas); amounts keep their minus. */
    static String quote(String s) {
        String v = s;
        if (!v.isEmpty() && "=+@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
