package io.shopdr.sim.linode;

import java.time.Instant;

/**
 * One request {@link LinodeApiSimulator} answered, for assertions and drill reports: method, path below the API
 * version ({@code /domains/1/records}), query, request body (null when empty) and the status it got. The
 * {@code Authorization} header is never kept.
 */
public record RecordedRequest(Instant at, String method, String path, String query, String body, int status) {

    /** "PUT /domains/1/records/2 → 200". */
    @Override
    public String toString() {
        return method + " " + path + (query == null || query.isEmpty() ? "" : "?" + query) + " → " + status;
    }
}
