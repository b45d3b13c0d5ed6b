package io.shopdr.sim.linode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Linode's collection answers: {@code page}/{@code page_size} (25–500, default 100) with {@code pages} and
 * {@code results}, filtered by {@code X-Filter} in its equality form ({"field": value, …}); operators are refused,
 * not guessed.
 */
final class Paging {
    private Paging() {}

    /** One page of {@code all} after the request's filter, which may name only {@code filterable} fields. */
    static Answer page(ObjectMapper json, Collection<ObjectNode> all, ApiRequest request, Set<String> filterable) {
        List<ObjectNode> items = filter(json, new ArrayList<>(all), request.xFilter(), filterable);
        int page = intParam(request.params(), "page", 1);
        int pageSize = intParam(request.params(), "page_size", 100);
        if (page < 1) {
            throw new ApiError(400, "page", "page must be 1 or more");
        }
        if (pageSize < 25 || pageSize > 500) {
            throw new ApiError(400, "page_size", "page_size must be between 25 and 500");
        }
        int pages = Math.max(1, (items.size() + pageSize - 1) / pageSize);
        ObjectNode out = json.createObjectNode();
        ArrayNode data = out.putArray("data");
        int from = (page - 1) * pageSize;
        for (int i = from; i < Math.min(items.size(), from + pageSize); i++) {
            data.add(items.get(i));
        }
        out.put("page", page).put("pages", pages).put("results", items.size());
        return new Answer(200, out);
    }

    private static int intParam(Map<String, String> params, String name, int dflt) {
        String v = params.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ApiError(400, name, name + " must be an integer");
        }
    }

    private static List<ObjectNode> filter(ObjectMapper json, List<ObjectNode> items, String xFilter,
                                           Set<String> filterable) {
        if (xFilter == null || xFilter.isBlank()) {
            return items;
        }
        JsonNode f;
        try {
            f = json.readTree(xFilter);
        } catch (IOException e) {
            throw new ApiError(400, "X-Filter", "Invalid JSON in X-Filter header");
        }
        if (!f.isObject()) {
            throw new ApiError(400, "X-Filter", "X-Filter must be a JSON object");
        }
        List<ObjectNode> out = new ArrayList<>(items);
        for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            if (field.startsWith("+")) {
                throw new ApiError(400, "X-Filter", "Filter operator " + field + " is not supported by the simulator");
            }
            if (!filterable.contains(field)) {
                throw new ApiError(400, "X-Filter", "Cannot filter on " + field);
            }
            if (!e.getValue().isValueNode()) {
                throw new ApiError(400, "X-Filter", "Filter operators on " + field + " are not supported by the simulator");
            }
            String wanted = e.getValue().asText();
            out.removeIf(item -> !item.path(field).asText().equals(wanted));
        }
        return out;
    }
}
