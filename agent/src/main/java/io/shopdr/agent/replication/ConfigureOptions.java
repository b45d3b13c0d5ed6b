package io.shopdr.agent.replication;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** How {@link ReplicationEngine#configure} may act: override another source, semi-sync, how long to wait. */
public final class ConfigureOptions {
    /**
     * Default bound on one commit's wait for a semi-sync acknowledgement before the primary degrades to asynchronous
     * replication: 5 s. A primary promoted with no replica waits this long on its first commit (MariaDB applies
     * {@code rpl_semi_sync_master_wait_no_slave=OFF} only when a replica leaves), so it is also the shop's extra
     * outage after a failover: 30 s kept the twin's clients from ordering again within its bound. It is shorter than
     * the self-fence lease, so a partitioned semi-sync primary can acknowledge a commit no other region has before
     * its self-fence ends the waiting sessions (issue 14, still open). A lost standby stalls commits only until the
     * primary's controller ends its replication session once the quorum declared it down.
     */
    public static final Duration DEFAULT_SEMI_SYNC_TIMEOUT = Duration.ofSeconds(5);

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

    /** How long the semi-sync primary waits for a replica's acknowledgement before degrading to async. @default {@link #DEFAULT_SEMI_SYNC_TIMEOUT} (5 s) */
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
