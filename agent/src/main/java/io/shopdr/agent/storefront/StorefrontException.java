package io.shopdr.agent.storefront;

/** A storefront cannot start; the message names the region, the address and the fix (never a secret). */
public class StorefrontException extends RuntimeException {
    public StorefrontException(String message) {
        super(message);
    }
}
