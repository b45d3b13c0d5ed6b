package io.shopdr.agent.replication;

/**
 * How far a planned switchover ({@link ReplicationEngine#switchover}) got, reported as it happens: a caller that sees
 * the switchover fail must know whether the old primary had already stopped taking writes and whether the candidate
 * was promoted, and a failing connection cannot tell it afterwards.
 */
public enum SwitchoverStep {
    /** The old primary is read-only and the candidate executed everything it had: no write is taken anywhere now. */
    CAUGHT_UP,
    /**
     * The candidate is the writable primary (with the old primary's semi-sync role); the old primary is not yet
     * re-pointed at it.
     */
    PROMOTED
}
