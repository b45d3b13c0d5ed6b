package io.shopdr.drill.twin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-clones a diverged former primary from the current primary, as the runbook says to when rejoin refuses because
 * of errant transactions: a consistent snapshot of the shop's schema and rows with its exact GTID position, loaded without
 * binary logging, then the old binlogs (holding the errant transactions) reset and {@code gtid_slave_pos} set, so
 * the node can replicate from the snapshot's position. Scope: the shop's orders table (the only table the drill's
 * store writes), over admin connections the caller opens.
 */
public final class OldPrimaryReclone {
    private OldPrimaryReclone() {}

    /**
     * Copies {@code source}'s orders in {@code schema} onto {@code target}; returns the GTID position the copy
     * stands at. The connections are the caller's (admin, TLS) and stay open.
     */
    public static String reclone(Connection source, Connection target, String schema) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        String gtid;
        String createDatabase;
        String createTable;
        try (Statement st = source.createStatement()) {
            st.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            st.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            String file = status(st, "binlog_snapshot_file");
            String pos = status(st, "binlog_snapshot_position");
            try (ResultSet rs = st.executeQuery("SELECT BINLOG_GTID_POS('" + file + "', " + Long.parseLong(pos) + ")")) {
                rs.next();
                gtid = rs.getString(1);
            }
            createDatabase = showCreate(st, "SHOW CREATE DATABASE `" + schema + "`");
            createTable = showCreate(st, "SHOW CREATE TABLE `" + schema + "`.orders");
            try (ResultSet rs = st.executeQuery("SELECT id, region, amount_cents, created_at FROM `"
                    + schema + "`.orders")) {
                while (rs.next()) rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
            }
            st.execute("COMMIT");
        }
        if (gtid == null) throw new SQLException("could not read the snapshot's GTID position of the new primary");
        Connection c = target;
        try (Statement st = c.createStatement()) {
            st.execute("SET SESSION sql_log_bin=0");
            st.execute("STOP SLAVE");
            st.execute("RESET SLAVE ALL");
            st.execute("DROP DATABASE IF EXISTS `" + schema + "`");
            // the source's own definitions: its character set and collation, not the target server's defaults (a
            // utf8mb4 row image does not apply to a latin1 column)
            st.execute(createDatabase);
            st.execute("USE `" + schema + "`");
            st.execute(createTable);
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO `" + schema
                    + "`.orders (id, region, amount_cents, created_at) VALUES (?, ?, ?, ?)")) {
                for (String[] r : rows) {
                    ps.setString(1, r[0]);
                    ps.setString(2, r[1]);
                    ps.setInt(3, Integer.parseInt(r[2]));
                    ps.setString(4, r[3]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            st.execute("RESET MASTER");
            st.execute("SET GLOBAL gtid_slave_pos = '" + gtid.replace("'", "") + "'");
            st.execute("SET GLOBAL read_only = ON");
        }
        return gtid;
    }

    private static String showCreate(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) throw new SQLException(sql + ": no answer");
            return rs.getString(2);
        }
    }

    private static String status(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW STATUS LIKE '" + name + "'")) {
            if (!rs.next()) throw new SQLException("status variable " + name + " missing");
            return rs.getString(2);
        }
    }
}
