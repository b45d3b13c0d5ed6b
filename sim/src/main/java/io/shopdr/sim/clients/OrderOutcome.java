package io.shopdr.sim.clients;

import java.util.Objects;

/** What came of one order attempt. */
public sealed interface OrderOutcome {
    /**
     * The shop acknowledged the order.
     *
     * @param orderId  the id the shop gave it
     * @param servedBy the region whose database committed it
     */
    record Acknowledged(String orderId, String servedBy) implements OrderOutcome {
        public Acknowledged {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(servedBy, "servedBy");
        }
    }

    /**
     * No acknowledgement: connection refused or timed out, read-only database, no DNS answer…
     *
     * @param reason what the client saw
     */
    record Failed(String reason) implements OrderOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
