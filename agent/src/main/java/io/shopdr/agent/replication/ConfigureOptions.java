package io.shopdr.agent.replication;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** How {@link ReplicationEngine#configure} may act: override another source, semi-sync, how long to wait. */
public final class ConfigureOptions {
    /**
     * Bound on one commit's wait for a semi-sync acknowledgement before the primary gives up and acknowledges it
     * asynchronously: 20 s. It is a backstop, not what keeps the shop available: with {@code wait_no_slave=ON}
     * ({@link Dialect#semiSyncSource}) a primary whose standbys die or are cut off keeps its commits waiting, and its
     * controller switches semi-sync off when the quorum declares every standby down (durability degraded, said in an
     * incident and a metric) and back on when a standby caught up ({@code FailoverController}).
     *
     * <p>Why 20 s: a primary cut off from the quorum must never acknowledge a commit no other region has, so its
     * waiting commits must still be waiting when its self-fence ends their sessions (a client whose session is
     * killed never hears "committed"). The self-fence acts within {@code ControllerConfig#selfFenceLease()} of the
     * primary's last published vote, so the timeout must exceed that lease plus a margin
     * ({@code ControllerConfig#SEMI_SYNC_FENCE_MARGIN}, 3 s: a commit may start waiting up to one acknowledgement round
     * trip before the cut, and the self-fence's own statements take time). The lease is 9.25 s at production's policy
     * (probe 1 s × 3 failures) and 16.5 s at the default policy (2 s × 3); 16.5 s + 3 s rounds up to 20 s. A controller
     * whose lease does not fit says so at start. The price of a long timeout is paid only where no controller acts: a
     * primary whose standby dies while its own controller is down, or whose re-pointed replicas never connect, stalls
     * commits for one timeout before it degrades to asynchronous by itself; a primary promoted with no replica to
     * re-point gets no semi-sync until one rejoins ({@link ReplicationEngine#failover}), so it never stalls.
     */
    public static final Duration DEFAULT_SEMI_SYNC_TIMEOUT = Duration.ofSeconds(20);

    private final boolean force;
    private final boolean semiSync;
    private final Duration semiSyncTimeout;
    private final Duration waitTimeout;
    private final Optional<String> serverCaPath;
    private final int heartbeatSeconds;
    private final int connectRetrySeconds;
    private final boolean verifyServerHostname;

    private ConfigureOptions(Builder b) {
        this.verifyServerHostname = b.verifyServerHostname;
        this.force = b.force;
        this.semiSync = b.semiSync;
        this.semiSyncTimeout = b.semiSyncTimeout;
        this.waitTimeout = b.waitTimeout;
        this.serverCaPath = b.serverCaPath;
        this.heartbeatSeconds = b.heartbeatSeconds;
        this.connectRetrySeconds = b.connectRetrySeconds;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Default options: no force, asynchronous replication, 60 s wait. */
    public static ConfigureOptions defaults() {
        return builder().build();
    }

    /** Re-point replicas that replicate from another source. @default false */
    public boolean force() { return force; }

    /** Lossless semi-synchronous replication (AFTER_SYNC) instead of asynchronous. @default false */
    public boolean semiSync() { return semiSync; }

    /** How long the semi-sync primary waits for a replica's acknowledgement before degrading to async. @default {@link #DEFAULT_SEMI_SYNC_TIMEOUT} (20 s) */
    public Duration semiSyncTimeout() { return semiSyncTimeout; }

    /** Bound on waiting for every replica to execute the primary's position. @default 60 s */
    public Duration waitTimeout() { return waitTimeout; }

    /** Path of the CA certificate on the database servers (MASTER_SSL_CA). @default the topology's CA file path */
    public Optional<String> serverCaPath() { return serverCaPath; }

    /** Replication heartbeat period. @default 5 s */
    public int heartbeatSeconds() { return heartbeatSeconds; }

    /** Replica reconnect interval after a lost connection. @default 10 s */
    public int connectRetrySeconds() { return connectRetrySeconds; }

    /**
     * With a CA, replicas always verify the source's certificate chain against it; this adds the check that the
     * certificate names the source host (MASTER/SOURCE_SSL_VERIFY_SERVER_CERT). Turn it off for certificates that
     * name a DNS name the replicas do not connect by (e.g. ReplicatedDatabase's {@code db-<region>.shopdr.internal}
     * while replicas connect by IP). @default true
     */
    public boolean verifyServerHostname() { return verifyServerHostname; }

    /** Builder in the shape of Pulumi's generated Args builders. */
    public static final class Builder {
        private boolean force;
        private boolean semiSync;
        private Duration semiSyncTimeout = DEFAULT_SEMI_SYNC_TIMEOUT;
        private Duration waitTimeout = Duration.ofSeconds(60);
        private Optional<String> serverCaPath = Optional.empty();
        private int heartbeatSeconds = 5;
        private int connectRetrySeconds = 10;
        private boolean verifyServerHostname = true;

        public Builder verifyServerHostname(boolean verify) { this.verifyServerHostname = verify; return this; }

        public Builder force(boolean force) { this.force = force; return this; }
        public Builder semiSync(boolean semiSync) { this.semiSync = semiSync; return this; }

        public Builder semiSyncTimeout(Duration t) {
            this.semiSyncTimeout = positive(t, "semiSyncTimeout");
            return this;
        }

        public Builder waitTimeout(Duration t) {
            this.waitTimeout = positive(t, "waitTimeout");
            return this;
        }

        public Builder serverCaPath(String path) {
            this.serverCaPath = Optional.ofNullable(path).filter(p -> !p.isBlank());
            return this;
        }

        public Builder heartbeatSeconds(int s) {
            if (s < 1) throw new IllegalArgumentException("heartbeatSeconds must be at least 1");
            this.heartbeatSeconds = s;
            return this;
        }

        public Builder connectRetrySeconds(int s) {
            if (s < 1) throw new IllegalArgumentException("connectRetrySeconds must be at least 1");
            this.connectRetrySeconds = s;
            return this;
        }

        public ConfigureOptions build() {
            return new ConfigureOptions(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive");
            return d;
        }
    }
}
