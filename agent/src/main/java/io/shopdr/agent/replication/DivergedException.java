package io.shopdr.agent.replication;

/**
 * A server holds transactions its would-be source lacks (errant/diverged GTIDs); replicating would break (error 1236)
 * or silently drop them, so the operation was refused. Carries the errant transactions for the operator.
 */
public class DivergedException extends ReplicationException {
    private final transient GtidDifference errant;

    public DivergedException(Endpoint endpoint, String message, GtidDifference errant) {
        super(endpoint, message);
        this.errant = errant;
    }

    public GtidDifference errant() {
        return errant;
    }
}
