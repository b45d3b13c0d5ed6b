package io.shopdr.drill;

/**
 * One order the load generator tried to place: when it was sent and answered (drill clock ms), which ingress
 * address the zone resolved to, and the order id when the storefront acknowledged it (null otherwise).
 */
public record OrderAttempt(long sentMs, long answeredMs, String target, String orderId, String error) {
    public boolean acknowledged() {
        return orderId != null;
    }
}
