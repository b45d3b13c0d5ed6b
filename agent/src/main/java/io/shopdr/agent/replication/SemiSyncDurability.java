package io.shopdr.agent.replication;

/**
 * A primary's semi-sync durability at one moment: {@code lossless} (the stack runs semi-sync: the primary's side is
 * on, or the primary keeps the mark a released primary keeps, see {@link ReplicationEngine#releaseSemiSync}),
 * {@code enabled} (rpl_semi_sync_master/source_enabled), {@code active} (the status variable: ON while commits wait
 * for an acknowledgement, OFF after a timeout degraded it to asynchronous) and {@code clients} (semi-sync replicas
 * connected now).
 */
public record SemiSyncDurability(boolean lossless, boolean enabled, boolean active, int clients) {
    /** A primary of an asynchronous stack: asynchronous by configuration, not degraded. */
    public static final SemiSyncDurability OFF = new SemiSyncDurability(false, false, false, 0);

    /** A semi-sync primary whose controller switched its side off because no standby could acknowledge. */
    public static final SemiSyncDurability RELEASED = new SemiSyncDurability(true, false, false, 0);

    /**
     * True when the stack runs semi-sync but a commit acknowledged now may exist only on the primary: its side was
     * released, no semi-sync replica is connected, or the primary fell back to asynchronous replication.
     */
    public boolean degraded() {
        return lossless && (!enabled || !active || clients == 0);
    }

    /** True when the primary's semi-sync side is off on a semi-sync stack: the controller restores it ({@code restoreSemiSync}). */
    public boolean released() {
        return lossless && !enabled;
    }

    /** One line for logs, status output and incidents. */
    public String describe() {
        if (!lossless) return "asynchronous replication (semi-sync off)";
        if (!degraded()) return "semi-sync: " + clients + " replica(s) acknowledging commits";
        if (!enabled) {
            return "durability degraded: semi-sync released on the primary until a standby is attached and caught up;"
                    + " commits are acknowledged without a copy in another region";
        }
        if (!active) {
            return "durability degraded: the primary fell back to asynchronous replication after a timeout; commits are"
                    + " acknowledged without a copy in another region";
        }
        return "durability degraded: no semi-sync replica is connected; commits wait for one (up to the semi-sync"
                + " timeout) until the controller releases semi-sync";
    }
}
