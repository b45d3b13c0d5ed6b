package io.shopdr.agent.storefront;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shopdr.agent.replication.ConfigureOptions;
import io.shopdr.agent.replication.ConnectionSecurity;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The drill's stand-in for one region's shop: {@code POST /orders} writes an order in a transaction and answers
 * with its id only after the commit returned, {@code GET /orders/{id}} answers 200 when the order is stored (404
 * otherwise), {@code GET /healthz} answers 200 only when the region's own database answers. The cloud drill
 * expects the same three endpoints from the deployed shop. It is deliberately tiny so that what the drill measures is the database and the failover, not the app.
 */
public final class Storefront implements AutoCloseable {
    /** Schema the storefront writes to; created on the primary once replication runs. */
    public static final String SCHEMA = "shop";
    public static final String APP_USER = "shop_app";
    /**
     * How long the store waits on one statement (Connector/J's {@code socketTimeout}): shorter than the semi-sync
     * timeout, so that an order whose commit still waits for a replica's acknowledgement when the primary freezes is
     * answered as failed. At the wake-up, past the timeout, MariaDB commits it without a replica and answers OK to
     * nobody; a store that waited longer would acknowledge an order the promoted standby never had. A deployed shop
     * needs the same bound on its own statements.
     */
    public static final Duration STATEMENT_TIMEOUT = ConfigureOptions.DEFAULT_SEMI_SYNC_TIMEOUT.minusSeconds(5);

    private final String region;
    private final InetSocketAddress address;
    private final String jdbcUrl;
    private final Properties connection;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong accepted = new AtomicLong();

    private Storefront(String region, InetSocketAddress address, String jdbcUrl, Properties connection, HttpServer server) {
        this.region = region;
        this.address = address;
        this.jdbcUrl = jdbcUrl;
        this.connection = connection;
        this.server = server;
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "storefront-" + region);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/orders", this::orders);
        server.createContext("/healthz", this::healthz);
    }

    /**
     * Starts a storefront for {@code region} on {@code address} writing to the MariaDB at {@code dbHost:dbPort}
     * as {@link #APP_USER}; fails with a clear message when the address is taken.
     */
    public static Storefront start(String region, InetSocketAddress address, String dbHost, int dbPort,
                                   String appPassword) {
        return start(region, address, new StoreDatabase(dbHost, dbPort, SCHEMA, APP_USER, appPassword, Optional.empty()));
    }

    /**
     * Starts a storefront for {@code region} on {@code address} writing to {@code db}; with a CA file it speaks TLS
     * verified against that CA (the program's app user is {@code REQUIRE SSL}).
     */
    public static Storefront start(String region, InetSocketAddress address, StoreDatabase db) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 64);
        } catch (BindException e) {
            throw new StorefrontException("storefront for region " + region + ": address " + address.getHostString() + ":"
                    + address.getPort() + " is already in use; stop what listens there or pass another --port");
        } catch (IOException e) {
            throw new StorefrontException("storefront for region " + region + ": cannot listen on "
                    + address.getHostString() + ":" + address.getPort() + ": " + e.getMessage());
        }
        Properties props = new Properties();
        props.setProperty("user", db.user());
        props.setProperty("password", db.password());
        props.setProperty("allowPublicKeyRetrieval", "true");
        props.setProperty("connectTimeout", "1000");
        props.setProperty("socketTimeout", Long.toString(STATEMENT_TIMEOUT.toMillis()));
        try {
            (db.caFile().isPresent() ? ConnectionSecurity.verifiedBy(db.caFile().get()) : ConnectionSecurity.plain()).apply(props);
        } catch (RuntimeException e) {
            server.stop(0);
            throw new StorefrontException("storefront for region " + region + ": " + e.getMessage());
        }
        String url = "jdbc:mysql://" + db.host() + ":" + db.port() + "/" + db.schema();
        Storefront s = new Storefront(region, address, url, props, server);
        server.start();
        return s;
    }

    /** SQL (run on the primary, replicated to every region) creating the schema and the least-privilege app user. */
    public static String[] schemaStatements(String appPassword) {
        return new String[] {
            "CREATE DATABASE IF NOT EXISTS " + SCHEMA,
            "CREATE TABLE IF NOT EXISTS " + SCHEMA + ".orders (id VARCHAR(48) PRIMARY KEY, region VARCHAR(32) NOT NULL,"
                    + " amount_cents INT NOT NULL, created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))"
                    + " ENGINE=InnoDB",
            // No SUPER / READ ONLY ADMIN: read_only on a demoted primary must stop this user.
            "CREATE USER IF NOT EXISTS '" + APP_USER + "'@'127.0.0.1' IDENTIFIED BY '" + appPassword.replace("'", "''")
                    + "'",
            "GRANT SELECT, INSERT ON " + SCHEMA + ".* TO '" + APP_USER + "'@'127.0.0.1'",
        };
    }

    /** The orders table, created by the store itself on its (writable) database, as an app's migration would. */
    public static final String ORDERS_TABLE = "CREATE TABLE IF NOT EXISTS orders (id VARCHAR(48) PRIMARY KEY,"
            + " region VARCHAR(32) NOT NULL, amount_cents INT NOT NULL,"
            + " created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)) ENGINE=InnoDB";

    /** Creates the orders table through this store's own database account (run once, on the primary region's store). */
    public void migrate() {
        try (Connection c = connect(); var st = c.createStatement()) {
            st.execute(ORDERS_TABLE);
        } catch (SQLException e) {
            throw new StorefrontException("storefront for region " + region + ": cannot create the orders table: " + e.getMessage());
        }
    }

    public String region() { return region; }
    public InetSocketAddress address() { return address; }
    /** Orders this storefront committed and acknowledged. */
    public long acceptedOrders() { return accepted.get(); }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, connection);
    }

    private void orders(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if ("GET".equals(ex.getRequestMethod()) && path.startsWith("/orders/")) {
                lookup(ex, path.substring("/orders/".length()));
                return;
            }
            if (!"POST".equals(ex.getRequestMethod())) {
                respond(ex, 405, "{\"error\":\"use POST\"}");
                return;
            }
            ex.getRequestBody().readAllBytes();
            String id = region + "-" + UUID.randomUUID();
            try (Connection c = connect()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO orders (id, region, amount_cents) VALUES (?, ?, ?)")) {
                    ps.setString(1, id);
                    ps.setString(2, region);
                    ps.setInt(3, 1000 + (int) (Math.random() * 9000));
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                respond(ex, 503, "{\"error\":\"order not stored\",\"region\":\"" + region + "\"}");
                return;
            }
            accepted.incrementAndGet();
            respond(ex, 201, "{\"id\":\"" + id + "\",\"region\":\"" + region + "\"}");
        }
    }

    private void lookup(HttpExchange ex, String id) throws IOException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT 1 FROM orders WHERE id = ?")) {
            ps.setString(1, id);
            try (var rs = ps.executeQuery()) {
                if (rs.next()) respond(ex, 200, "{\"id\":\"" + id.replace("\"", "") + "\"}");
                else respond(ex, 404, "{\"error\":\"no such order\"}");
            }
        } catch (SQLException e) {
            respond(ex, 503, "{\"error\":\"database unavailable\"}");
        }
    }

    private void healthz(HttpExchange ex) throws IOException {
        try (ex) {
            try (Connection c = connect(); Statement st = c.createStatement()) {
                st.setQueryTimeout(2);
                st.executeQuery("SELECT 1").close();
            } catch (SQLException e) {
                respond(ex, 503, "{\"status\":\"database unavailable\",\"region\":\"" + region + "\"}");
                return;
            }
            respond(ex, 200, "{\"status\":\"ok\",\"region\":\"" + region + "\"}");
        }
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops answering at once (a dead region does not drain politely). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
