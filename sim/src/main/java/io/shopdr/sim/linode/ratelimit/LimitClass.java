package io.shopdr.sim.linode.ratelimit;

import java.util.Locale;
import java.util.Set;

/** Which of Linode's default per-user limits a request counts against. */
public enum LimitClass {
    /** GET operations that return a paginated collection: 200 requests per minute. */
    PAGINATED_COLLECTION(200),
    /** Every other operation: 1,600 requests per minute. */
    OTHER(1_600);

    /**
     * Last path segments of the paginated collections the simulator serves (Linode's list operations: a GET on
     * one of these returns {@code {"data":[…],"page":…,"pages":…,"results":…}}).
     */
    static final Set<String> COLLECTIONS = Set.of("domains", "records", "firewalls", "devices", "instances",
            "tokens", "regions", "types", "clusters", "pools", "nodebalancers", "volumes", "images", "events");

    private final int perMinute;

    LimitClass(int perMinute) {
        this.perMinute = perMinute;
    }

    /** The limit: requests in any 60 s window. */
    public int perMinute() {
        return perMinute;
    }

    /**
     * The class of {@code method path} (path with or without {@code /v4} and a query string): a GET whose last
     * segment names a collection is {@link #PAGINATED_COLLECTION}.
     */
    public static LimitClass of(String method, String path) {
        String p = path.split("\\?", 2)[0];
        String[] segments = p.split("/");
        String last = segments.length == 0 ? "" : segments[segments.length - 1].toLowerCase(Locale.ROOT);
        return method.equalsIgnoreCase("GET") && COLLECTIONS.contains(last) ? PAGINATED_COLLECTION : OTHER;
    }
}
