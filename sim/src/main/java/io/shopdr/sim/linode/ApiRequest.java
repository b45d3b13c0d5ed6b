package io.shopdr.sim.linode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * An authorized request to the simulated API: the method, the path after {@code /v4} split at {@code /}
 * ({@code ["domains", "12", "records"]}), the query parameters, the JSON body (an empty object when there was none)
 * and the {@code X-Filter} header (or null).
 */
record ApiRequest(String method, String[] path, Map<String, String> params, JsonNode body, String xFilter) {

    /** The path segment at {@code index} as a resource id; a non-number is a 404, as on Linode. */
    long id(int index) {
        try {
            return Long.parseLong(path[index]);
        } catch (NumberFormatException e) {
            throw ApiError.notFound();
        }
    }
}
