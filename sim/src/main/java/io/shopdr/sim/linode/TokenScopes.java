package io.shopdr.sim.linode;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The simulated account's personal access tokens and their OAuth scopes ({@code domains:read_write},
 * {@code firewall:read_only}, …, or {@link LinodeApiSimulator#ALL_SCOPES}); read-write implies read-only. A
 * request without a known bearer token gets 401, one whose token lacks the area's scope 403, as on Linode.
 */
final class TokenScopes {
    private final Map<String, Set<String>> tokens = new HashMap<>();

    synchronized void add(String token, Set<String> scopes) {
        tokens.put(token, scopes);
    }

    synchronized void revoke(String token) {
        tokens.remove(token);
    }

    /** Refuses (401/403) unless {@code authorization} carries a token allowed to read or write {@code area}. */
    void authorize(String authorization, String area, boolean read) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new ApiError(401, null, "Invalid Token");
        }
        Set<String> scopes;
        synchronized (this) {
            scopes = tokens.get(authorization.substring("Bearer ".length()).trim());
        }
        if (scopes == null) {
            throw new ApiError(401, null, "Invalid Token");
        }
        boolean ok = scopes.contains(LinodeApiSimulator.ALL_SCOPES) || scopes.contains(area + ":read_write")
                || (read && scopes.contains(area + ":read_only"));
        if (!ok) {
            throw new ApiError(403, null, "Your OAuth token is not authorized to use this endpoint.");
        }
    }
}
