package dev.tollgate.analytics.api;

import dev.tollgate.gateway.errors.GatewayException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paged lists of {@code /api/v1} ({@code GET /api/v1/chargeback/reports}, {@code GET /api/v1/budgets}), as
 * LiteLLM's paged lists: {@code ?page=} from 1, {@code ?page_size=} from 1 to a maximum, and the answer
 * {@code {"data", "total", "page", "page_size", "total_pages"}}, {@code total} counting every item; a page past
 * the end is an empty {@code data} with the count.
 */
public record Paging(int page, int pageSize) {

    /** The page asked for: {@code page} 1 and {@code defaultSize} when left out; a 400 naming the bad parameter. */
    public static Paging of(Integer page, Integer pageSize, int defaultSize, int maxSize) {
        int p = page == null ? 1 : page;
        int size = pageSize == null ? defaultSize : pageSize;
        if (p < 1) {
            throw GatewayException.invalidRequest("'page' must be 1 or more", "page");
        }
        if (size < 1 || size > maxSize) {
            throw GatewayException.invalidRequest("'page_size' must be between 1 and " + maxSize, "page_size");
        }
        return new Paging(p, size);
    }

    /** The answer: this page's {@code data} and the number of items in every page. */
    public Map<String, Object> answer(List<Map<String, Object>> data, long total) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", data);
        out.put("total", total);
        out.put("page", page);
        out.put("page_size", pageSize);
        out.put("total_pages", (total + pageSize - 1) / pageSize);
        return out;
    }
}
