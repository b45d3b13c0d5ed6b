package io.shopdr.agent.replication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The replication library's entry point for one {@link Topology}: configures replicas idempotently, reports their
 * status, switches the primary over without loss, fails over to the most advanced replica, rejoins a former
 * primary (refusing when it diverged) and fences servers. Every failure is a {@link ReplicationException} naming
 * the server and the fix; refusals are checked on every server before anything is changed.
 */
public final class ReplicationEngine {
    private static final Duration POLL = Duration.ofMillis(50);
    /** How long a rejoin waits for the caught-up node to attach as a semi-sync replica before leaving semi-sync off. */
    private static final Duration SEMI_SYNC_ATTACH_BOUND = Duration.ofSeconds(10);

    private final Topology topology;
    private final Duration connectTimeout;
    /** Bound on each read of the engine's sessions; null: long operations' default (see ServerConnection.Access). */
    private final Duration readTimeout;
    private final String serverCaPath;
    private final Map<Endpoint, Endpoint> replicationAddresses;
    private volatile ConnectionSecurity security;

    public ReplicationEngine(Topology topology) {
        this(topology, Duration.ofSeconds(5));
    }

    /** @param connectTimeout bound on opening each admin connection */
    public ReplicationEngine(Topology topology, Duration connectTimeout) {
        this(topology, connectTimeout, null, null, Map.of());
    }

    private ReplicationEngine(Topology topology, Duration connectTimeout, Duration readTimeout, String serverCaPath,
                              Map<Endpoint, Endpoint> replicationAddresses) {
        this.topology = java.util.Objects.requireNonNull(topology, "topology");
        this.connectTimeout = java.util.Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.readTimeout = readTimeout;
        this.serverCaPath = serverCaPath;
        this.replicationAddresses = Map.copyOf(replicationAddresses);
    }

    /**
     * The same engine, telling replication channels that the CA lives at {@code path} on the database servers
     * (when it differs from the topology's local CA file, e.g. the agent runs elsewhere). Existing channels' CA
     * paths are reused where known; this is the fallback.
     */
    public ReplicationEngine withServerCaPath(String path) {
        return new ReplicationEngine(topology, connectTimeout, readTimeout, path == null || path.isBlank() ? null : path,
                replicationAddresses);
    }

    /**
     * The same engine, pointing replicas at {@code addresses.get(server)} instead of the address the engine connects
     * to (e.g. the controller reaches its own region's database by private IP, but a replica in another data centre
     * must replicate over the address that region's firewall admits). Servers without an entry use their endpoint.
     */
    public ReplicationEngine withReplicationAddresses(Map<Endpoint, Endpoint> addresses) {
        return new ReplicationEngine(topology, connectTimeout, readTimeout, serverCaPath, addresses);
    }

    /**
     * The same engine with every read bounded by {@code timeout}: for the short reads of a controller's probe cycle
     * (positions, semi-sync state, the standbys' receipts), where a frozen server — its kernel completes the TCP
     * connect, then nothing answers — must cost a second, not the long operations' 30 s.
     */
    public ReplicationEngine withReadTimeout(Duration timeout) {
        return new ReplicationEngine(topology, connectTimeout, java.util.Objects.requireNonNull(timeout, "timeout"),
                serverCaPath, replicationAddresses);
    }

    /** The address replicas replicate from {@code server} at. */
    private Endpoint replicationAddress(Endpoint server) {
        return replicationAddresses.getOrDefault(server, server);
    }

    /** Whether a replica's configured source is {@code server} (by its endpoint or its replication address). */
    private boolean isSource(ReplicaStatus st, Endpoint server) {
        Endpoint a = replicationAddress(server);
        return (st.sourceHost().equals(server.host()) && st.sourcePort() == server.port())
                || (st.sourceHost().equals(a.host()) && st.sourcePort() == a.port());
    }

    /** Where servers find the CA: the explicit server path, else the topology's CA file path, else null (no TLS). */
    private String defaultServerCa() {
        if (topology.caFile().isEmpty()) return null;
        return serverCaPath != null ? serverCaPath : topology.caFile().get().toAbsolutePath().toString();
    }

    public Topology topology() {
        return topology;
    }

    // ---------------------------------------------------------------- configure

    /**
     * Makes every replica replicate from the primary (GTID auto-positioning, heartbeat, connect retry, TLS when a CA
     * is given, read-only, least-privilege replication user on every server created without binlog) and waits,
     * bounded, until each has executed the primary's position. Changes nothing on a healthy topology.
     *
     * @throws ReplicationException before any change when a server is unreachable, misconfigured, replicates from
     *         another source (without {@code force}) or holds local writes
     */
    public ConfigureReport configure(ConfigureOptions options) {
        long deadline = System.nanoTime() + options.waitTimeout().toNanos();
        try (Sessions s = new Sessions()) {
            ServerConnection p = s.open(topology.primary(), "primary");
            Dialect d = p.dialect();
            Map<Endpoint, ServerConnection> replicas = new LinkedHashMap<>();
            for (Endpoint r : topology.replicas()) replicas.put(r, s.open(r, "replica"));

            // ---- checks: nothing is changed until every server passed them
            checkPrimaryPrerequisites(p);
            Map<String, Endpoint> serverIds = new HashMap<>();
            for (ServerConnection c : s.all()) {
                if (!c.dialect().name().equals(d.name())) {
                    throw new ReplicationException(c.endpoint(), c.role() + " " + c.endpoint() + " runs " + c.dialect().name()
                            + " but the primary " + p.endpoint() + " runs " + d.name() + ": use one engine for every region");
                }
                String id = c.string("reading server_id", d.serverIdQuery());
                Endpoint other = serverIds.putIfAbsent(id, c.endpoint());
                if (other != null) {
                    throw new ReplicationException(c.endpoint(), "server_id " + id + " is used by both " + other + " and "
                            + c.endpoint() + ": give every server a unique server_id (my.cnf) and restart it");
                }
            }
            Map<String, String> primaryRow = p.replicaRow();
            if (primaryRow != null && !options.force()) {
                ReplicaStatus ps = d.parseStatus(primaryRow);
                throw new ReplicationException(p.endpoint(), "primary " + p.endpoint() + " is itself a replica of "
                        + ps.sourceHost() + ":" + ps.sourcePort() + ": pick the real primary (after a failover the primary moved),"
                        + " or re-run with --force to make " + p.endpoint() + " a standalone primary");
            }
            String primaryHistory = p.gtidHistory();
            Map<Endpoint, Map<String, String>> rows = new HashMap<>();
            for (ServerConnection r : replicas.values()) {
                Map<String, String> row = r.replicaRow();
                rows.put(r.endpoint(), row);
                if (row != null && !options.force()) {
                    ReplicaStatus st = d.parseStatus(row);
                    if (!isSource(st, p.endpoint())) {
                        throw new ReplicationException(r.endpoint(), "replica " + r.endpoint() + " already replicates from "
                                + st.sourceHost() + ":" + st.sourcePort() + ", not from the primary " + p.endpoint()
                                + ": check the topology, or re-run with --force to re-point it");
                    }
                }
                GtidDifference errant = d.errantTransactions(r.executedGtid(), primaryHistory);
                if (!errant.isEmpty()) {
                    throw new DivergedException(r.endpoint(), "replica " + r.endpoint() + " holds " + errant.count()
                            + " local transaction(s) the primary " + p.endpoint() + " does not have (" + String.join(", ", errant.gtids())
                            + "): something wrote to it directly. configure never overwrites data: re-clone it from the primary"
                            + " (restore a fresh backup of " + p.endpoint() + " onto it) and re-run", errant);
                }
            }

            // ---- primary
            List<String> primaryActions = new ArrayList<>();
            if (primaryRow != null) {
                p.execute("detaching the primary from its old source", d.stopReplica(), d.resetReplicaAll());
                primaryActions.add("detached from its old source (--force)");
            }
            if (p.flag("reading read_only", d.readOnlyQuery())) {
                p.execute("making the primary writable", d.setReadOnly(false));
                primaryActions.add("made writable (read_only off)");
            }
            boolean semiOn = p.flag("reading semi-sync state", d.semiSyncSourceQuery());
            if (semiOn != options.semiSync()) {
                p.execute("setting semi-sync on the primary", d.semiSyncSource(options.semiSync(), options.semiSyncTimeout().toMillis()));
                primaryActions.add(options.semiSync() ? "semi-sync (AFTER_SYNC) enabled" : "semi-sync disabled");
            }
            if (p.flag("reading semi-sync state", d.semiSyncReplicaQuery()) != options.semiSync()) {
                // the stack's mode, kept on the server (see semiSyncMode): a released primary still knows it runs semi-sync
                p.executeMaintenance("marking the primary's replication mode", d.semiSyncReplica(options.semiSync()), false);
            }
            boolean passwordChanged = ensureReplicationUser(p, primaryActions);

            // ---- replicas
            String primaryGtid = p.executedGtid();
            SourceConfig source = sourceConfig(topology.primary(), options);
            Map<Endpoint, List<String>> actions = new LinkedHashMap<>();
            for (ServerConnection r : replicas.values()) {
                List<String> a = new ArrayList<>();
                actions.put(r.endpoint(), a);
                ensureReplicationUser(r, a);
                boolean semiReplica = r.flag("reading semi-sync state", d.semiSyncReplicaQuery());
                if (semiReplica != options.semiSync()) {
                    r.executeMaintenance("setting semi-sync on the replica", d.semiSyncReplica(options.semiSync()), false);
                    a.add(options.semiSync() ? "semi-sync replica enabled" : "semi-sync replica disabled");
                }
                if (!r.flag("reading read_only", d.readOnlyQuery())) {
                    r.execute("making the replica read-only", d.setReadOnly(true));
                    a.add("made read-only");
                }
                Map<String, String> row = rows.get(r.endpoint());
                if (row == null || !d.sourceMatches(row, source) || passwordChanged) {
                    pointAt(r, source, row != null);
                    a.add("replicating from " + topology.primary() + " (GTID auto-positioning"
                            + (source.tls() ? ", verified TLS" : "") + ")");
                } else {
                    ReplicaStatus st = d.parseStatus(row);
                    if (!st.ioRunning() || !st.sqlRunning()) {
                        r.execute("starting replication", d.startReplica());
                        a.add("replication threads started");
                    } else if (semiReplica != options.semiSync()) {
                        r.execute("restarting the replication receiver for semi-sync", d.stopReplicaIoThread(), d.startReplica());
                    }
                }
            }

            // ---- bounded wait for the primary's position, then every replica's status
            List<ConfiguredReplica> out = new ArrayList<>();
            for (ServerConnection r : replicas.values()) {
                boolean caughtUp = r.waitForGtid(primaryGtid, remaining(deadline)) && awaitThreads(r, deadline);
                out.add(new ConfiguredReplica(r.endpoint(), !actions.get(r.endpoint()).isEmpty(), actions.get(r.endpoint()),
                        caughtUp, statusOf(r, primaryGtid)));
            }
            return new ConfigureReport(topology.primary(), primaryGtid, primaryActions, out);
        }
    }

    private void checkPrimaryPrerequisites(ServerConnection p) {
        Dialect d = p.dialect();
        if (!p.flag("reading log_bin", d.binlogEnabledQuery())) {
            throw new ReplicationException(p.endpoint(), "binary logging is off on primary " + p.endpoint()
                    + ": set log_bin (and binlog_format=ROW) in its my.cnf and restart it");
        }
        if (!p.flag("reading GTID mode", d.gtidEnabledQuery())) {
            throw new ReplicationException(p.endpoint(), "GTIDs are off on primary " + p.endpoint()
                    + ": set gtid_mode=ON and enforce_gtid_consistency=ON in its my.cnf and restart it");
        }
    }

    /**
     * Creates or repairs the replication user on one server with binlog off (no errant transaction anywhere); every
     * server gets it so any of them can become the primary. Returns true when the user's password or TLS
     * requirement was (re)set, so replicas must be re-pointed with the new password.
     */
    private boolean ensureReplicationUser(ServerConnection c, List<String> actions) {
        Dialect d = c.dialect();
        Credentials repl = topology.replication();
        boolean tls = topology.caFile().isPresent();
        List<Map<String, String>> users = c.rows("reading the replication user", d.replicationUserQuery(repl.user()));
        boolean grantOk = false;
        boolean sslOk = false;
        if (!users.isEmpty()) {
            String sslType = users.get(0).values().iterator().next();
            sslOk = tls ? "ANY".equalsIgnoreCase(sslType) : (sslType == null || sslType.isEmpty());
            for (Map<String, String> g : c.rows("reading the replication user's grants", d.replicationGrantsQuery(repl.user()))) {
                String grant = g.values().iterator().next();
                if (grant != null && grant.toUpperCase(java.util.Locale.ROOT).contains("REPLICATION SLAVE")) grantOk = true;
            }
        }
        boolean passwordOk = !users.isEmpty() && canLogIn(c.endpoint(), repl);
        if (!users.isEmpty() && grantOk && sslOk && passwordOk) return false;
        c.executeMaintenance("creating the replication user '" + repl.user() + "'",
                d.replicationUser(repl.user(), repl.password(), tls), true);
        actions.add(users.isEmpty() ? "replication user '" + repl.user() + "' created (REPLICATION SLAVE only, not binlogged)"
                : "replication user '" + repl.user() + "' updated (not binlogged)");
        return !users.isEmpty() && (!passwordOk || !sslOk);
    }

    private boolean canLogIn(Endpoint e, Credentials user) {
        ServerConnection.Access access = new ServerConnection.Access(user, security(), connectTimeout, secrets());
        try (ServerConnection ignored = ServerConnection.open(e, "server", access)) {
            return true;
        } catch (ReplicationException ex) {
            return false;
        }
    }

    private SourceConfig sourceConfig(Endpoint server, ConfigureOptions o) {
        Endpoint source = replicationAddress(server);
        Credentials repl = topology.replication();
        String ca = topology.caFile().isPresent() ? o.serverCaPath().orElse(defaultServerCa()) : null;
        return new SourceConfig(source.host(), source.port(), repl.user(), repl.password(),
                o.heartbeatSeconds(), o.connectRetrySeconds(), ca, ca != null && o.verifyServerHostname());
    }

    /** Stops replication (if configured), aligns the GTID slave position, points the server at {@code source}, starts. */
    private static void pointAt(ServerConnection r, SourceConfig source, boolean wasReplica) {
        Dialect d = r.dialect();
        List<String> sql = new ArrayList<>();
        if (wasReplica) sql.add(d.stopReplica());
        sql.addAll(d.prepareReplica());
        sql.add(d.changeSource(source));
        sql.add(d.startReplica());
        r.execute("pointing the server at " + source.host() + ":" + source.port(), sql);
    }

    /** Polls until both threads run (true), an error is recorded or the deadline passes (false). */
    private static boolean awaitThreads(ServerConnection r, long deadline) {
        while (true) {
            Map<String, String> row = r.replicaRow();
            if (row == null) return false;
            ReplicaStatus st = r.dialect().parseStatus(row);
            if (st.healthy()) return true;
            if (!st.lastSqlError().isEmpty() || System.nanoTime() > deadline) return false;
            if (!st.ioRunning() && permanent(st.lastIoError())) return false;
            sleep(POLL);
        }
    }

    /** Receiver errors that retrying will not fix (credentials, TLS), so waiting longer is pointless. */
    private static boolean permanent(String ioError) {
        return ioError.contains("Access denied") || ioError.contains("SSL") || ioError.contains("certificate");
    }

    // ---------------------------------------------------------------- status

    /**
     * Status of every replica with its distance from the primary in transactions (null when the primary cannot be
     * reached). An unreachable replica is reported with the connection error as its IO error.
     */
    public List<ReplicaStatus> status() {
        security(); // a bad CA file is a usage error, not a per-server state
        try (Sessions s = new Sessions()) {
            String primaryGtid = null;
            try {
                primaryGtid = s.open(topology.primary(), "primary").executedGtid();
            } catch (ReplicationException e) {
                // distances stay unknown
            }
            List<ReplicaStatus> out = new ArrayList<>();
            for (Endpoint e : topology.replicas()) {
                ServerConnection r;
                try {
                    r = s.open(e, "replica");
                } catch (ReplicationException ex) {
                    out.add(new ReplicaStatus(e, false, false, null, ex.getMessage(), "", "", 0, "", "", null));
                    continue;
                }
                out.add(statusOf(r, primaryGtid));
            }
            return out;
        }
    }

    private static ReplicaStatus statusOf(ServerConnection r, String primaryGtid) {
        Dialect d = r.dialect();
        String executed = r.executedGtid();
        Long behind = primaryGtid == null ? null : d.missingTransactions(executed, primaryGtid).count();
        Map<String, String> row = r.replicaRow();
        if (row == null) return ReplicaStatus.notReplicating(r.endpoint(), executed, behind);
        return d.parseStatus(row).withContext(r.endpoint(), executed, behind);
    }

    /**
     * What every reachable replica has received of the primary's transactions and, given {@code reference} (a
     * position the primary was observed to have committed), how many of those it has not received: the expected loss
     * of promoting it now. Unreachable replicas are left out.
     */
    public List<StandbyReceipt> receipts(Optional<String> reference) {
        List<StandbyReceipt> out = new ArrayList<>();
        try (Sessions s = new Sessions()) {
            for (Endpoint e : topology.replicas()) {
                ServerConnection r;
                try {
                    r = s.open(e, "replica");
                } catch (ReplicationException unreachable) {
                    continue;
                }
                Dialect d = r.dialect();
                Map<String, String> row = r.replicaRow();
                ReplicaStatus st = row == null ? null : d.parseStatus(row);
                String received = st != null && !st.retrievedGtid().isBlank() ? st.retrievedGtid() : r.executedGtid();
                Long missing = reference.filter(g -> !g.isBlank())
                        .map(g -> d.missingTransactions(received, g.replaceAll("\\s+", "")).count()).orElse(null);
                out.add(new StandbyReceipt(e, received, st == null ? null : st.lagSeconds(), missing));
            }
        }
        return out;
    }

    /** Ends every client session but replication, the server's own threads and the admin user; returns how many. */
    private int endClientSessions(ServerConnection c) {
        String clients = "SELECT ID FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID()"
                + " AND COMMAND NOT IN ('Binlog Dump', 'Binlog Dump GTID', 'Daemon')"
                + " AND USER NOT IN ('system user', 'event_scheduler', " + Dialect.quote(topology.admin().user())
                + ", " + Dialect.quote(topology.replication().user()) + ")";
        int killed = 0;
        for (Map<String, String> row : c.rows("listing client sessions", clients)) {
            try {
                c.execute("ending a client session", "KILL CONNECTION " + Long.parseLong(row.values().iterator().next()));
                killed++;
            } catch (ReplicationException gone) {
                // it ended between the listing and the KILL
            }
        }
        return killed;
    }

    // ---------------------------------------------------------------- semi-sync mode

    /**
     * Whether the stack runs semi-sync, read from {@code server} alone: its semi-sync primary side is on, or its
     * replica-side flag is. On a semi-sync stack every server keeps the replica-side flag on — replicas need it to
     * acknowledge, and a primary keeps it as the mark of the stack's mode ({@link #configure}, {@link #failover},
     * {@link #switchover}, {@link #releaseSemiSync}) — so a primary whose side was switched off still says it runs
     * semi-sync, and a restarted controller finds out from the server what it must restore. (A restarted mariadbd
     * forgets both runtime flags, as it forgets the primary side; re-run the post-deploy hook after restarting a
     * primary by hand.)
     */
    private static boolean semiSyncMode(ServerConnection server) {
        Dialect d = server.dialect();
        return server.flag("reading semi-sync state", d.semiSyncSourceQuery())
                || server.flag("reading semi-sync state", d.semiSyncReplicaQuery());
    }

    /**
     * The quorum declared every standby of {@code primary} down: switches its semi-sync side off, so the commits
     * waiting for an acknowledgement that cannot come are acknowledged and the shop keeps selling, degraded (verified
     * on MariaDB 10.11: switching the side off releases the waiting commits), and keeps the replica-side mark so the
     * stack still says it runs semi-sync ({@link #semiSyncMode}). The binlog dump sessions still serving the lost
     * standbys end first (a partitioned replica's session hangs instead of closing; MariaDB 11.4 crashes when a
     * semi-sync dump thread ends after the side was switched off). Within {@code timeout}; returns how many dump
     * sessions ended. {@link #restoreSemiSync} undoes it.
     */
    public int releaseSemiSync(Endpoint primary, Duration timeout) {
        ServerConnection.Access access = new ServerConnection.Access(topology.admin(), security(), timeout, timeout, secrets());
        try (ServerConnection c = ServerConnection.open(primary, "primary", access)) {
            Dialect d = c.dialect();
            int ended = endBinlogDumps(c, timeout);
            c.executeMaintenance("marking the primary's replication mode", d.semiSyncReplica(true), false);
            c.execute("releasing semi-sync on the primary", d.semiSyncSource(false, 0));
            return ended;
        }
    }

    /**
     * Gives {@code primary} a semi-sync replica again: when the stack runs semi-sync and either its side is off
     * (released, or a failover that had no replica to re-point) or it is on with no semi-sync replica connected (a
     * standby whose mariadbd restarted forgot its runtime replica-side flag and reconnected as a plain replica), and a
     * replica in the topology is attached — replicating from it, both threads running — and has received everything the
     * primary executed. Within {@code timeout} (connects, reads and the attach wait). Returns the replicas that
     * acknowledge again; empty when there was nothing to do (semi-sync on with a replica acknowledging, an asynchronous
     * stack, or no replica ready).
     *
     * @throws ReplicationException when no replica attached as a semi-sync replica within {@code timeout} (a side this
     *         switched on is switched off again)
     */
    public List<Endpoint> restoreSemiSync(Endpoint primary, Duration timeout) {
        ServerConnection.Access access = new ServerConnection.Access(topology.admin(), security(), timeout, timeout, secrets());
        List<ServerConnection> open = new ArrayList<>();
        try (ServerConnection p = ServerConnection.open(primary, "primary", access)) {
            if (!semiSyncMissing(p)) return List.of();
            for (Endpoint e : topology.replicas()) {
                try {
                    open.add(ServerConnection.open(e, "replica", access));
                } catch (ReplicationException unreachable) {
                    // not attached as far as this controller can tell
                }
            }
            List<ServerConnection> ready = attachedAndCaughtUp(p, open, timeout);
            return restoreSemiSync(p, ready, timeout) ? ready.stream().map(ServerConnection::endpoint).toList() : List.of();
        } finally {
            open.forEach(ServerConnection::close);
        }
    }

    /** Whether {@code p} runs semi-sync without a semi-sync replica: its side off, or on with no client connected. */
    private static boolean semiSyncMissing(ServerConnection p) {
        if (!semiSyncMode(p)) return false;
        return !p.flag("reading semi-sync state", p.dialect().semiSyncSourceQuery()) || semiSyncClients(p) == 0;
    }

    /**
     * The replicas among {@code replicas} that replicate from {@code p} with both threads running and have received
     * everything {@code p} had executed when this was called: the primary keeps committing meanwhile, so each attached
     * replica gets up to {@code bound} to receive that position (a streaming replica needs one trip across the WAN).
     */
    private List<ServerConnection> attachedAndCaughtUp(ServerConnection p, List<ServerConnection> replicas, Duration bound) {
        Dialect d = p.dialect();
        String executed = p.executedGtid();
        long deadline = System.nanoTime() + bound.toNanos();
        List<ServerConnection> ready = new ArrayList<>();
        for (ServerConnection r : replicas) {
            while (true) {
                Map<String, String> row = r.replicaRow();
                ReplicaStatus st = row == null ? null : d.parseStatus(row);
                if (st == null || !isSource(st, p.endpoint()) || !st.healthy()) break;
                String received = st.retrievedGtid().isBlank() ? r.executedGtid() : st.retrievedGtid();
                if (d.missingTransactions(received, executed).isEmpty()) {
                    ready.add(r);
                    break;
                }
                if (System.nanoTime() > deadline) break;
                sleep(POLL);
            }
        }
        return ready;
    }

    /**
     * Makes {@code ready} (attached, caught-up replicas) semi-sync replicas of {@code p} when it runs semi-sync without
     * one ({@link #semiSyncMissing}). Verified on MariaDB 10.11 ({@code SemiSyncServerBehaviourTest}): a replica that
     * connected with its replica-side flag on is a semi-sync replica whether the primary's side was on or off then, so
     * switching the side on is enough; one that connected with the flag off (a restarted mariadbd forgets the runtime
     * flag and starts replicating by itself) is not, until the flag is on and its receiver reconnected. So the side goes
     * on, the flag goes on where it was off and those receivers reconnect, and if no semi-sync replica is connected
     * after half of {@code bound}, every ready receiver reconnects. Commits wait meanwhile; when none attached within
     * {@code bound}, a side this switched on is switched off again (never leave commits waiting for a replica that does
     * not come) and this throws. True when semi-sync is on with a replica acknowledging; false when there was nothing to
     * do.
     */
    private boolean restoreSemiSync(ServerConnection p, List<ServerConnection> ready, Duration bound) {
        Dialect d = p.dialect();
        if (ready.isEmpty() || !semiSyncMissing(p)) return false;
        boolean switchedOn = !p.flag("reading semi-sync state", d.semiSyncSourceQuery());
        if (switchedOn) p.execute("switching semi-sync back on", d.semiSyncSource(true, ConfigureOptions.DEFAULT_SEMI_SYNC_TIMEOUT.toMillis()));
        for (ServerConnection r : ready) {
            if (r.flag("reading semi-sync state", d.semiSyncReplicaQuery())) continue;
            r.executeMaintenance("semi-sync on the replica", d.semiSyncReplica(true), false);
            r.execute("reattaching as a semi-sync replica", d.stopReplicaIoThread(), d.startReplica());
        }
        long deadline = System.nanoTime() + bound.toNanos();
        if (!awaitSemiSyncClient(p, System.nanoTime() + bound.toNanos() / 2)) {
            for (ServerConnection r : ready) r.execute("reattaching as a semi-sync replica", d.stopReplicaIoThread(), d.startReplica());
        }
        if (awaitSemiSyncClient(p, deadline)) return true;
        if (switchedOn) p.execute("releasing semi-sync again (no replica attached)", d.semiSyncSource(false, 0));
        throw new ReplicationException(p.endpoint(), "no replica of " + p.endpoint() + " attached as a semi-sync replica within "
                + bound.toMillis() + " ms" + (switchedOn ? " of switching semi-sync back on; released it again" : "")
                + " (durability stays degraded)");
    }

    /** Polls until {@code p} has a semi-sync replica connected (true) or {@code deadline} (System.nanoTime) passed. */
    private static boolean awaitSemiSyncClient(ServerConnection p, long deadline) {
        while (semiSyncClients(p) == 0) {
            if (System.nanoTime() > deadline) return false;
            sleep(POLL);
        }
        return true;
    }

    /** The semi-sync primary's status variables ({@code status}, {@code clients}, …) by lower-case suffix. */
    private static Map<String, String> semiSyncStatus(ServerConnection c) {
        String prefix = c.dialect().semiSyncSourceStatusPrefix();
        Map<String, String> status = new HashMap<>();
        for (Map<String, String> row : c.rows("reading semi-sync status", "SHOW GLOBAL STATUS LIKE '" + prefix + "%'")) {
            var values = row.values().iterator();
            status.put(values.next().substring(prefix.length()).toLowerCase(java.util.Locale.ROOT), values.next());
        }
        return status;
    }

    private static int semiSyncClients(ServerConnection c) {
        return Integer.parseInt(semiSyncStatus(c).getOrDefault("clients", "0").trim());
    }

    /** Makes {@code node} writable again (a self-fenced primary that regained the quorum and is still primary). */
    public void lift(Endpoint node) {
        try (Sessions s = new Sessions()) {
            ServerConnection c = s.open(node, "server");
            c.execute("lifting the fence (writable)", c.dialect().setReadOnly(false));
        }
    }

    /** Whether {@code node} is a writable server that replicates from nobody (the primary). */
    public boolean isPrimary(Endpoint node) {
        try (Sessions s = new Sessions()) {
            ServerConnection c = s.open(node, "server");
            return c.replicaRow() == null && !c.flag("reading read_only", c.dialect().readOnlyQuery());
        }
    }

    /**
     * Whether {@code primary}'s commits are currently acknowledged by a semi-sync replica: off on an asynchronous
     * stack ({@link #semiSyncMode}), released when its side was switched off, degraded when it is on but no semi-sync
     * replica is connected or the primary fell back to asynchronous replication after a timeout.
     */
    public SemiSyncDurability durability(Endpoint primary) {
        try (Sessions s = new Sessions()) {
            ServerConnection c = s.open(primary, "primary");
            Dialect d = c.dialect();
            if (!c.flag("reading semi-sync state", d.semiSyncSourceQuery())) {
                return c.flag("reading semi-sync state", d.semiSyncReplicaQuery()) ? SemiSyncDurability.RELEASED : SemiSyncDurability.OFF;
            }
            Map<String, String> status = semiSyncStatus(c);
            String state = status.getOrDefault("status", "OFF");
            boolean active = "ON".equalsIgnoreCase(state) || "1".equals(state); // MariaDB says ON, MySQL 1
            return new SemiSyncDurability(true, true, active, Integer.parseInt(status.getOrDefault("clients", "0").trim()));
        }
    }

    /** The server's executed GTID set/position (what a controller records as "the primary was last seen to have"). */
    public String gtidPosition(Endpoint node) {
        try (Sessions s = new Sessions()) {
            return s.open(node, "server").executedGtid();
        }
    }

    // ---------------------------------------------------------------- switchover

    /**
     * Planned, lossless change of primary to replica {@code to}: fences the old primary, waits up to {@code timeout}
     * for {@code to} to execute everything it had (else unfences and aborts), refuses errant transactions, promotes
     * {@code to} and re-points the old primary and the other replicas to it.
     */
    public SwitchoverReport switchover(Endpoint to, Duration timeout) {
        return switchover(to, timeout, step -> { });
    }

    /**
     * {@link #switchover(Endpoint, Duration)}, telling {@code progress} each {@link SwitchoverStep} as it is reached.
     * Whatever {@code progress} throws ends the switchover there, as a failing connection would; the old primary is
     * unfenced only by a failure before {@link SwitchoverStep#CAUGHT_UP}.
     */
    public SwitchoverReport switchover(Endpoint to, Duration timeout, Consumer<SwitchoverStep> progress) {
        long started = System.nanoTime();
        if (!topology.replicas().contains(to)) {
            throw new ReplicationException(to, to + " is not a replica in the topology; pass one of " + topology.replicas() + " as --to");
        }
        try (Sessions s = new Sessions()) {
            ServerConnection old = s.open(topology.primary(), "primary");
            ServerConnection cand = s.open(to, "candidate");
            Dialect d = old.dialect();
            Map<Endpoint, ServerConnection> others = new LinkedHashMap<>();
            for (Endpoint e : topology.replicas()) if (!e.equals(to)) others.put(e, s.open(e, "replica"));
            Map<String, String> candRow = cand.replicaRow();
            if (candRow == null) {
                throw new ReplicationException(to, "candidate " + to + " is not replicating from the primary " + old.endpoint()
                        + ": run configure first");
            }
            ReplicaStatus cs = d.parseStatus(candRow);
            if (!isSource(cs, old.endpoint())) {
                throw new ReplicationException(to, "candidate " + to + " replicates from " + cs.sourceHost() + ":" + cs.sourcePort()
                        + ", not from the primary " + old.endpoint() + ": run configure first");
            }
            if (!cs.sqlRunning()) {
                throw new ReplicationException(to, "candidate " + to + " has its SQL thread stopped (" + cs.lastSqlError()
                        + "): fix replication (status shows the error) before switching over");
            }
            boolean semi = semiSyncMode(old);
            SourceConfig toNew = sourceConfigFrom(candRow, to);

            old.execute("fencing the old primary (read-only)", d.setReadOnly(true));
            String gtidAtSwitch;
            try {
                gtidAtSwitch = old.executedGtid();
                if (!cand.waitForGtid(gtidAtSwitch, timeout)) {
                    throw new ReplicationException(to, "candidate " + to + " did not execute the old primary's position "
                            + gtidAtSwitch + " within " + timeout.toSeconds() + " s; switchover aborted and " + old.endpoint()
                            + " unfenced. Check its lag with status and retry with a longer --timeout");
                }
                GtidDifference errant = d.errantTransactions(cand.executedGtid(), old.gtidHistory());
                if (!errant.isEmpty()) {
                    throw new DivergedException(to, "candidate " + to + " has " + errant + " the primary " + old.endpoint()
                            + " lacks; switchover aborted and the primary unfenced. Re-clone " + to + " from the primary", errant);
                }
            } catch (RuntimeException e) {
                try {
                    old.execute("unfencing the old primary", d.setReadOnly(false));
                } catch (ReplicationException unfence) {
                    e.addSuppressed(unfence);
                }
                throw e;
            }
            progress.accept(SwitchoverStep.CAUGHT_UP);

            cand.execute("promoting the candidate", List.of(d.stopReplica(), d.resetReplicaAll()));
            cand.execute("making the new primary writable", d.setReadOnly(false));
            if (semi) {
                // the replicas re-pointed below connect after this, so they attach as semi-sync replicas; a released old
                // primary (its side off, the mark kept) hands semi-sync over all the same
                cand.executeMaintenance("marking the new primary's replication mode", d.semiSyncReplica(true), false);
                cand.execute("enabling semi-sync on the new primary", d.semiSyncSource(true, ConfigureOptions.DEFAULT_SEMI_SYNC_TIMEOUT.toMillis()));
                endBinlogDumps(old);
                old.executeMaintenance("semi-sync on the demoted primary", concat(d.semiSyncSource(false, 0), d.semiSyncReplica(true)), false);
            }
            progress.accept(SwitchoverStep.PROMOTED);
            List<Endpoint> repointed = new ArrayList<>();
            pointAt(old, toNew, old.replicaRow() != null);
            repointed.add(old.endpoint());
            for (ServerConnection o : others.values()) {
                pointAt(o, toNew, o.replicaRow() != null);
                repointed.add(o.endpoint());
            }
            return new SwitchoverReport(topology.primary(), to, gtidAtSwitch, repointed, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * Ends the binlog dump threads still serving the replicas that just left {@code server}, and waits (bounded) until
     * they are gone. MariaDB 11.4 crashes (signal 11) when a semi-sync dump thread ends after the semi-sync primary
     * side was switched off, so a demoted primary must lose its dump threads before semi-sync is turned off.
     */
    private static void endBinlogDumps(ServerConnection server) {
        endBinlogDumps(server, Duration.ofSeconds(10));
    }

    /** As above within {@code bound}; returns how many dump threads there were. */
    private static int endBinlogDumps(ServerConnection server, Duration bound) {
        String dumps = "SELECT ID FROM information_schema.PROCESSLIST WHERE COMMAND IN ('Binlog Dump', 'Binlog Dump GTID')";
        long deadline = System.nanoTime() + bound.toNanos();
        List<Map<String, String>> left = server.rows("listing binlog dump threads", dumps);
        int found = left.size();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            for (Map<String, String> row : left) {
                try {
                    server.execute("ending a binlog dump thread", "KILL CONNECTION " + Long.parseLong(row.values().iterator().next()));
                } catch (ReplicationException alreadyGone) {
                    // the thread ended by itself between the listing and the KILL
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
            left = server.rows("listing binlog dump threads", dumps);
        }
        return found;
    }

    /** Replication settings for pointing servers at {@code newSource}, reusing the candidate's current channel settings. */
    private SourceConfig sourceConfigFrom(Map<String, String> row, Endpoint newServer) {
        Endpoint newSource = replicationAddress(newServer);
        Map<String, String> r = ReplicaStatus.caseInsensitive(row);
        String ca = firstNonEmpty(r.get("Master_SSL_CA_File"), r.get("Source_SSL_CA_File"));
        boolean ssl = "Yes".equalsIgnoreCase(firstNonEmpty(r.get("Master_SSL_Allowed"), r.get("Source_SSL_Allowed")));
        boolean verify = "Yes".equalsIgnoreCase(firstNonEmpty(r.get("Master_SSL_Verify_Server_Cert"), r.get("Source_SSL_Verify_Server_Cert")));
        String retry = r.get("Connect_Retry");
        ConfigureOptions defaults = ConfigureOptions.defaults();
        int retrySeconds = retry == null || retry.isBlank() ? defaults.connectRetrySeconds() : Integer.parseInt(retry.trim());
        String caPath = ssl && ca != null && !ca.isEmpty() ? ca : defaultServerCa();
        Credentials repl = topology.replication();
        return new SourceConfig(newSource.host(), newSource.port(), repl.user(), repl.password(),
                defaults.heartbeatSeconds(), retrySeconds, caPath, caPath != null && (verify || !ssl));
    }

    /** Another replica's channel settings (their CA path on the servers), or null when none is reachable. */
    private Map<String, String> referenceRow(Sessions s, Endpoint exclude) {
        for (Endpoint e : topology.replicas()) {
            if (e.equals(exclude)) continue;
            try {
                Map<String, String> row = s.open(e, "replica").replicaRow();
                if (row != null) return row;
            } catch (ReplicationException unreachable) {
                // try the next one
            }
        }
        return null;
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : b;
    }

    // ---------------------------------------------------------------- failover

    /** {@link #failover(Optional, Duration)} with 30 s for replicas to apply their relay logs. */
    public FailoverReport failover(Optional<String> lastSeenPrimaryGtid) {
        return failover(lastSeenPrimaryGtid, Duration.ofSeconds(30));
    }

    /**
     * The primary is gone: stops every reachable replica's receiver, lets it apply its relay log (bounded), promotes
     * the most advanced one and re-points the others. The old primary is not contacted (fence it separately). The
     * RPO is what {@code lastSeenPrimaryGtid} has that the new primary lacks; unknown (null) without it. Under
     * semi-sync the new primary's side goes on only when there is a replica to re-point; without one it stays off
     * ({@link FailoverReport#semiSyncReleased()}) until {@link #rejoin} or {@link #restoreSemiSync} brings it back.
     */
    public FailoverReport failover(Optional<String> lastSeenPrimaryGtid, Duration applyTimeout) {
        long started = System.nanoTime();
        long deadline = started + applyTimeout.toNanos();
        List<String> warnings = new ArrayList<>();
        try (Sessions s = new Sessions()) {
            Map<Endpoint, ServerConnection> up = new LinkedHashMap<>();
            for (Endpoint e : topology.replicas()) {
                try {
                    up.put(e, s.open(e, "replica"));
                } catch (ReplicationException ex) {
                    warnings.add(ex.getMessage());
                }
            }
            if (up.isEmpty()) {
                throw new ReplicationException(null, "no replica reachable, nothing to promote: " + String.join("; ", warnings));
            }
            Dialect d = up.values().iterator().next().dialect();
            boolean semi = false;
            Map<Endpoint, Map<String, String>> rows = new HashMap<>();
            for (ServerConnection r : up.values()) {
                Map<String, String> row = r.replicaRow();
                if (row == null) continue;
                rows.put(r.endpoint(), row);
                semi |= r.flag("reading semi-sync state", d.semiSyncReplicaQuery());
                r.execute("stopping the receiver", d.stopReplicaIoThread());
                ReplicaStatus st = d.parseStatus(row);
                String retrieved = st.retrievedGtid();
                if (!retrieved.isEmpty() && st.sqlRunning() && !r.waitForGtid(retrieved, remaining(deadline))) {
                    warnings.add(r.endpoint() + " did not finish applying its relay log within " + applyTimeout.toSeconds() + " s");
                }
            }
            Map<Endpoint, String> executed = new LinkedHashMap<>();
            for (ServerConnection r : up.values()) executed.put(r.endpoint(), r.executedGtid());
            Endpoint best = null;
            long bestBehind = Long.MAX_VALUE;
            for (Endpoint c : executed.keySet()) {
                long behind = 0;
                for (Endpoint o : executed.keySet()) behind += d.missingTransactions(executed.get(c), executed.get(o)).count();
                if (behind < bestBehind) {
                    best = c;
                    bestBehind = behind;
                }
            }
            ServerConnection np = up.get(best);
            np.execute("promoting " + best, List.of(d.stopReplica(), d.resetReplicaAll()));
            np.execute("making the new primary writable", d.setReadOnly(false));
            String history = np.gtidHistory();
            List<ServerConnection> followers = new ArrayList<>();
            for (ServerConnection o : up.values()) {
                if (o == np) continue;
                GtidDifference errant = d.errantTransactions(executed.get(o.endpoint()), history);
                if (!errant.isEmpty()) {
                    warnings.add(o.endpoint() + " has " + errant + " the new primary lacks; left stopped: re-clone it from " + best);
                    continue;
                }
                followers.add(o);
            }
            // Semi-sync only with a replica to acknowledge: with none, MariaDB stalls every commit for the whole timeout
            // (wait_no_slave applies only when a replica leaves, not when none ever came). Without one the new primary
            // keeps the replica-side mark (semiSyncMode) and gets its side back when a replica caught up (rejoin, or its
            // controller: restoreSemiSync). Its side goes on before the followers connect, so they attach as semi-sync
            // replicas (a replica that connected while the side was off is not one).
            boolean released = semi && followers.isEmpty();
            if (semi) np.executeMaintenance("marking the new primary's replication mode", d.semiSyncReplica(true), false);
            if (semi && !released) {
                np.execute("enabling semi-sync on the new primary", d.semiSyncSource(true, ConfigureOptions.DEFAULT_SEMI_SYNC_TIMEOUT.toMillis()));
            }
            String newGtid = np.executedGtid();
            Long rpo = null;
            List<String> lost = List.of();
            if (lastSeenPrimaryGtid.isPresent() && !lastSeenPrimaryGtid.get().isBlank()) {
                GtidDifference missing = d.missingTransactions(newGtid, lastSeenPrimaryGtid.get().replaceAll("\\s+", ""));
                rpo = missing.count();
                lost = missing.gtids();
            }
            // the promoted replica's own channel knows where the servers keep the CA
            SourceConfig src = rows.containsKey(best) ? sourceConfigFrom(rows.get(best), best)
                    : sourceConfig(best, ConfigureOptions.defaults());
            List<Endpoint> repointed = new ArrayList<>();
            for (ServerConnection o : followers) {
                pointAt(o, src, true);
                repointed.add(o.endpoint());
            }
            return new FailoverReport(topology.primary(), best, newGtid, rpo, lost, repointed, released, warnings,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    // ---------------------------------------------------------------- rejoin

    /** {@link #rejoin(Endpoint, Duration)} waiting up to 60 s for the node to catch up. */
    public RejoinReport rejoin(Endpoint node) {
        return rejoin(node, Duration.ofSeconds(60));
    }

    /**
     * Brings {@code node} (typically a former primary) back as a read-only replica of the topology's primary.
     *
     * @throws DivergedException when the node has transactions the primary lacks (nothing is changed)
     */
    public RejoinReport rejoin(Endpoint node, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (node.equals(topology.primary())) {
            throw new ReplicationException(node, node + " is the primary; pass the server to bring back as --node");
        }
        try (Sessions s = new Sessions()) {
            ServerConnection p = s.open(topology.primary(), "primary");
            ServerConnection n = s.open(node, "node");
            Dialect d = p.dialect();
            String nodeExecuted = n.executedGtid();
            GtidDifference errant = d.errantTransactions(nodeExecuted, p.gtidHistory());
            if (!errant.isEmpty()) {
                throw new DivergedException(node, node + " has " + errant.count() + " transaction(s) the primary " + p.endpoint()
                        + " does not have: " + String.join(", ", errant.gtids()) + ". It diverged (it accepted writes the new"
                        + " primary never received), so rejoining would break replication (error 1236) or lose them. Save those"
                        + " transactions if they matter, then re-clone " + node + " from " + p.endpoint() + " (stop it, replace its"
                        + " datadir with a fresh backup of the primary, e.g. mariadb-backup/xtrabackup or a mysqldump with GTIDs)"
                        + " and run rejoin again", errant);
            }
            List<String> actions = new ArrayList<>();
            if (!n.flag("reading read_only", d.readOnlyQuery())) {
                n.execute("fencing the node (read-only)", d.setReadOnly(true));
                actions.add("made read-only");
            }
            ensureReplicationUser(n, actions);
            ensureReplicationUser(p, actions);
            Map<String, String> row = n.replicaRow();
            Map<String, String> reference = row != null ? row : referenceRow(s, node);
            // No channel to copy (a former primary, and no other replica): the chain check the post-deploy hook
            // configures by default, since the stack's certificates name db-<region>.shopdr.internal while replicas
            // connect by IP (found by the twin drill: with the host-name check the old primary never reconnected).
            SourceConfig src = reference != null ? sourceConfigFrom(reference, topology.primary())
                    : sourceConfig(topology.primary(), ConfigureOptions.builder().verifyServerHostname(false).build());
            boolean semi = semiSyncMode(p);
            if (semi) n.executeMaintenance("semi-sync on the rejoined node", concat(d.semiSyncSource(false, 0), d.semiSyncReplica(true)), false);
            if (row == null || !d.sourceMatches(row, src) || !d.parseStatus(row).healthy()) {
                pointAt(n, src, row != null);
                actions.add("replicating from " + topology.primary());
            }
            String primaryGtid = p.executedGtid();
            boolean caughtUp = n.waitForGtid(primaryGtid, remaining(deadline)) && awaitThreads(n, deadline);
            if (caughtUp && semiSyncMissing(p)) {
                try {
                    if (restoreSemiSync(p, attachedAndCaughtUp(p, List.of(n), SEMI_SYNC_ATTACH_BOUND), SEMI_SYNC_ATTACH_BOUND)) {
                        actions.add("semi-sync back on at " + topology.primary() + " (it had none: " + node + " acknowledges again)");
                    }
                } catch (ReplicationException notAttached) {
                    actions.add(notAttached.getMessage());
                }
            }
            return new RejoinReport(node, topology.primary(), actions, caughtUp, statusOf(n, primaryGtid));
        }
    }

    // ---------------------------------------------------------------- fence

    /**
     * Fences {@code node} within {@code timeout} (every connect and read bounded by it: the controllers' timings count
     * on it): every client session but replication, the server's own threads and the admin user ends first, then the
     * server becomes read-only for every client but replication (super_read_only on MySQL), then the sessions that
     * connected meanwhile end too, and read_only is read back. The sessions end first because a commit waiting for a
     * semi-sync acknowledgement that cannot come holds its commit lock, and {@code SET GLOBAL read_only} waits behind
     * it; ending its connection (KILL CONNECTION, never KILL QUERY, which answers the client "OK") ends the wait
     * without its client hearing "committed" (both verified on MariaDB 10.11: {@code SemiSyncServerBehaviourTest}).
     * Used by the self-fence of a primary that lost the quorum and by the controllers' fence of a replaced primary.
     * MariaDB's read_only does not stop users with SUPER/READ ONLY ADMIN: the application user must not have them.
     * Never throws for an unreachable server: the report says the fence did not take effect.
     */
    public FenceReport fence(Endpoint node, Duration timeout) {
        ServerConnection.Access access = new ServerConnection.Access(topology.admin(), security(), timeout, timeout, secrets());
        try (ServerConnection c = ServerConnection.open(node, "server", access)) {
            Dialect d = c.dialect();
            int killed = endClientSessions(c);
            c.execute("fencing (read-only)", d.setReadOnly(true));
            killed += endClientSessions(c);
            boolean fenced = c.flag("reading read_only", d.readOnlyQuery());
            return new FenceReport(node, fenced, (fenced ? "read-only" : "read_only did not stick") + ", " + killed
                    + " client session(s) ended");
        } catch (ReplicationException e) {
            return new FenceReport(node, false, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- plumbing

    private ConnectionSecurity security() {
        ConnectionSecurity s = security;
        if (s == null) {
            s = topology.caFile().map(ConnectionSecurity::verifiedBy).orElseGet(ConnectionSecurity::plain);
            security = s;
        }
        return s;
    }

    private List<String> secrets() {
        return List.of(topology.admin().password(), topology.replication().password());
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicationException(null, "interrupted");
        }
    }

    /** The admin sessions of one operation, closed together. */
    private final class Sessions implements AutoCloseable {
        private final Map<Endpoint, ServerConnection> open = new LinkedHashMap<>();

        ServerConnection open(Endpoint e, String role) {
            ServerConnection c = open.get(e);
            if (c != null) return c;
            c = ServerConnection.open(e, role, readTimeout == null
                    ? new ServerConnection.Access(topology.admin(), security(), connectTimeout, secrets())
                    : new ServerConnection.Access(topology.admin(), security(), connectTimeout, readTimeout, secrets()));
            open.put(e, c);
            return c;
        }

        List<ServerConnection> all() {
            return List.copyOf(open.values());
        }

        @Override
        public void close() {
            open.values().forEach(ServerConnection::close);
        }
    }
}
