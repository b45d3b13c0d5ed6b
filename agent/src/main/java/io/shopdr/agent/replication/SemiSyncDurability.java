package io.shopdr.agent.replication;

/**
 * A semi-sync primary's durability at one moment: {@code enabled} (rpl_semi_sync_master/source_enabled),
 * {@code active} (the status variable: ON while commits wait for an acknowledgement, OFF after a timeout degraded
 * it to asynchronous) and {@code clients} (semi-sync replicas connected now).
 */
public record SemiSyncDurability(boolean enabled, boolean active, int clients) {
    /** A primary without semi-sync: asynchronous by configuration, not degraded. */
    public static final SemiSyncDurability OFF = new SemiSyncDurability(false, false, 0);

    /**
     * True when semi-sync is configured but a commit acknowledged now may exist only on the primary: no semi-sync
     * replica is connected, or the primary fell back to asynchronous replication.
     */
    public boolean degraded() {
        return enabled && (!active || clients == 0);
    }

    /** One line for logs, status output and incidents. */
    public String describe() {
        if (!enabled) return "asynchronous replication (semi-sync off)";
        if (!degraded()) return "semi-sync: " + clients + " replica(s) acknowledging commits";
        return "durability degraded: semi-sync enabled but " + (clients == 0 ? "no semi-sync replica is connected"
                : "the primary fell back to asynchronous replication after a timeout")
                + "; commits are acknowledged without a copy in another region";
    }
}
