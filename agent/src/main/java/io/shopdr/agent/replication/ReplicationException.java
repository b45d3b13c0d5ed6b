package io.shopdr.agent.replication;

/**
 * A replication operation could not reach its goal; the message names the server and the fix and never contains
 * a password, so callers may print it as is.
 */
public class ReplicationException extends RuntimeException {
    private final transient Endpoint endpoint;

    public ReplicationException(Endpoint endpoint, String message) {
        super(message);
        this.endpoint = endpoint;
    }

    public ReplicationException(Endpoint endpoint, String message, Throwable cause) {
        super(message, cause);
        this.endpoint = endpoint;
    }

    /** The server the failure is about, or null when it concerns the topology as a whole. */
    public Endpoint endpoint() {
        return endpoint;
    }
}
