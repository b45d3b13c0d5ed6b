package io.shopdr.sim.clients;

/**
 * Places an order at an address, the way a client does: the twin's implementation connects from the client's
 * region through the WAN to whatever listens at the address. Must return (a hung connection is the sink's own
 * timeout, reported as {@link OrderOutcome.Failed}), and may be called from many threads.
 */
@FunctionalInterface
public interface OrderSink {
    OrderOutcome place(OrderRequest request);
}
