package io.shopdr.agent.replication;

import io.shopdr.sim.mariadb.MariaDbCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one three-node MariaDB cluster (TLS-capable, semi-sync built in) that every replication, CLI and hook test
 * in this JVM shares; {@link #reset()} returns it to three independent, empty, writable servers between tests.
 */
public final class SharedReplicationCluster {
    public static final Credentials ADMIN = new Credentials(MariaDbCluster.ADMIN_USER, MariaDbCluster.ADMIN_PASSWORD);
    public static final Credentials REPL = new Credentials("repl", "repl-'pw");

    private static SharedReplicationCluster instance;

    private final MariaDbCluster cluster;
    private final TestCertificates certificates;

    private SharedReplicationCluster(MariaDbCluster cluster, TestCertificates certificates) {
        this.cluster = cluster;
        this.certificates = certificates;
    }

    public static synchronized SharedReplicationCluster get() throws Exception {
        if (instance == null) {
            Path dir = Files.createTempDirectory("shopdr-test-certs-");
            TestCertificates certs = TestCertificates.generate(dir);
            MariaDbCluster c = MariaDbCluster.start(3, List.of(
                    "ssl_ca=" + certs.caCert(), "ssl_cert=" + certs.serverCert(), "ssl_key=" + certs.serverKey()));
            instance = new SharedReplicationCluster(c, certs);
            Runtime.getRuntime().addShutdownHook(new Thread(c::close));
        }
        return instance;
    }

    public MariaDbCluster.Node node(int i) {
        return cluster.node(i);
    }

    public List<MariaDbCluster.Node> nodes() {
        return cluster.nodes();
    }

    public TestCertificates certificates() {
        return certificates;
    }

    public static Endpoint endpoint(MariaDbCluster.Node n) {
        return new Endpoint(n.host(), n.port());
    }

    /** Node 0 primary, nodes 1.. replicas, no TLS. */
    public Topology topology() {
        return topology(0, Optional.empty());
    }

    public Topology topology(int primary, Optional<Path> ca) {
        List<Endpoint> replicas = cluster.nodes().stream().filter(n -> n != cluster.node(primary))
                .map(SharedReplicationCluster::endpoint).toList();
        return new Topology(endpoint(cluster.node(primary)), replicas, ADMIN, REPL, ca);
    }

    /** Restarts dead nodes and wipes replication state, binlogs, test data and users on every node. */
    public void reset() throws Exception {
        for (MariaDbCluster.Node n : cluster.nodes()) {
            if (!n.isRunning()) n.restart();
        }
        // every replica stops first, so no semi-sync dump thread ends after its primary switched semi-sync off
        // (MariaDB 11.4 crashes with signal 11 then)
        for (MariaDbCluster.Node n : cluster.nodes()) n.execute("STOP SLAVE");
        for (MariaDbCluster.Node n : cluster.nodes()) {
            n.execute("RESET SLAVE ALL",
                    "SET GLOBAL read_only=OFF",
                    "SET GLOBAL rpl_semi_sync_master_enabled=OFF", "SET GLOBAL rpl_semi_sync_slave_enabled=OFF",
                    "SET GLOBAL server_id=" + n.serverId(),
                    "SET sql_log_bin=0",
                    "DROP DATABASE IF EXISTS shop",
                    "DROP USER IF EXISTS 'repl'@'%'", "DROP USER IF EXISTS 'app'@'%'",
                    "RESET MASTER",
                    "SET GLOBAL gtid_slave_pos=''");
        }
    }

    /** Creates the shop schema on {@code n} (binlogged, so it replicates) and an app user without SUPER/READ ONLY ADMIN. */
    public static void createShop(MariaDbCluster.Node n) throws Exception {
        n.execute("CREATE DATABASE shop",
                "CREATE TABLE shop.orders (id INT PRIMARY KEY, note VARCHAR(64), amount INT) ENGINE=InnoDB");
    }
}
