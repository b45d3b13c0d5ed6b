package io.shopdr.drill.nemesis;

/**
 * One step of {@code shopdr failback} and how {@link FailbackFault} makes it fail, in the order the failback takes
 * them: a Linode API call answered 503 through all of the client's retries, the link between the failback's runner
 * and the target's database cut, or the runner's process dying there ({@link ProcessDeath}).
 */
enum FailbackStepFailure {
    ZONE_READ("zone-read", "the Linode API answers 503 to the runner's zone lookup"),
    EPOCH_MARK("epoch-mark", "the Linode API answers 503 to the failback's started-mark (its epoch) write"),
    SWITCHOVER_START("switchover-start", "the link between the runner and the target's database is cut as the failback"
            + " starts: the switchover cannot reach it"),
    WRITES_STOPPED("writes-stopped", "the runner's process dies in the switchover once the old primary stopped taking"
            + " writes, before the promotion"),
    PROMOTED("promoted", "the runner's process dies right after the target's promotion, before the old primary is"
            + " re-pointed"),
    FENCE_LIFT("fence-lift", "the Linode API answers 503 to lifting the target's firewall fence"),
    DNS_SWITCH("dns-switch", "the Linode API answers 503 to the shop's A-record write"),
    DNS_SWITCH_DEATH("dns-switch-death", "the runner's process dies at its A-record write"),
    DONE_MARK("done-mark", "the Linode API answers 503 to the failback's done-mark write");

    private final String label;
    private final String injection;

    FailbackStepFailure(String label, String injection) {
        this.label = label;
        this.injection = injection;
    }

    /** The step's name in the drill's output. */
    String label() {
        return label;
    }

    /** What the nemesis does at that step. */
    String injection() {
        return injection;
    }
}
