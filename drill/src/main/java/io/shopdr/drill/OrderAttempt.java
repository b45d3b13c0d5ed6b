package io.shopdr.drill;

/**
 * One order the load generator tried to place: when it was sent and answered (drill clock ms), which ingress
 * address the zone resolved to, the order id when the storefront acknowledged it (null otherwise), and the region
 * the storefront said served it ({@code "region"} of its answer; null when it did not say).
 */
public record OrderAttempt(long sentMs, long answeredMs, String target, String orderId, String error, String servedBy) {
    /** An attempt whose answer named no region. */
    public OrderAttempt(long sentMs, long answeredMs, String target, String orderId, String error) {
        this(sentMs, answeredMs, target, orderId, error, null);
    }

    public boolean acknowledged() {
        return orderId != null;
    }
}
