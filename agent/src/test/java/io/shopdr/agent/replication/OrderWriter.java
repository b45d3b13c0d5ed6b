package io.shopdr.agent.replication;

import io.shopdr.sim.mariadb.MariaDbCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A shop client writing one order per autocommit transaction as the application user (no SUPER, so read-only
 * stops it) to whichever node {@link #target} names; remembers every acknowledged order and the GTID of the last.
 */
final class OrderWriter implements AutoCloseable {
    final AtomicReference<MariaDbCluster.Node> target;
    final List<Integer> acknowledged = new CopyOnWriteArrayList<>();
    final AtomicReference<String> lastAckedGtid = new AtomicReference<>("");
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int rejected;

    OrderWriter(MariaDbCluster.Node first) {
        target = new AtomicReference<>(first);
        thread = new Thread(this::run, "order-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Creates the application user on {@code primary} (binlogged, so it reaches every replica). */
    static void createAppUser(MariaDbCluster.Node primary) throws SQLException {
        primary.execute("CREATE USER 'app'@'%' IDENTIFIED BY 'app-pw'",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON shop.* TO 'app'@'%'");
    }

    private void run() {
        int next = 1;
        Connection c = null;
        MariaDbCluster.Node connectedTo = null;
        while (running) {
            try {
                MariaDbCluster.Node t = target.get();
                if (c == null || connectedTo != t) {
                    if (c != null) c.close();
                    c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + t.port()
                            + "/shop?useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=1000&socketTimeout=5000", "app", "app-pw");
                    connectedTo = t;
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?)")) {
                    ps.setInt(1, next);
                    ps.setString(2, "order-" + next);
                    ps.setInt(3, next * 7 % 1000);
                    ps.executeUpdate();
                }
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT @@last_gtid")) {
                    rs.next();
                    lastAckedGtid.set(rs.getString(1));
                }
                acknowledged.add(next);
                next++;
            } catch (SQLException e) {
                rejected++;
                if (e.getErrorCode() == 1062) next++; // committed but the acknowledgement was lost: not counted
                try {
                    if (c != null) c.close();
                } catch (SQLException ignored) {
                    // reconnect next round
                }
                c = null;
                sleep(10);
            }
        }
        try {
            if (c != null) c.close();
        } catch (SQLException ignored) {
            // done
        }
    }

    int rejected() {
        return rejected;
    }

    /** Blocks until at least {@code n} orders are acknowledged (bounded). */
    void awaitAcknowledged(int n) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (acknowledged.size() < n) {
            if (System.nanoTime() > deadline) throw new AssertionError("writer stuck at " + acknowledged.size() + " orders");
            sleep(5);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(30_000);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
