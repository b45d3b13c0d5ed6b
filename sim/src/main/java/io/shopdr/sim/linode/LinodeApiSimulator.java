package io.shopdr.sim.linode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.linode.firewall.FirewallRule;
import io.shopdr.linode.firewall.FirewallRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SIMULATOR of the Linode API v4 (not Linode): a stateful in-process HTTP server for the endpoints shopdr uses —
 * domains, domain records, Cloud Firewalls with their rules and devices — with Linode's shapes, pagination
 * ({@code page}, {@code page_size} 25–500), {@code X-Filter} equality filters, error bodies
 * ({@code {"errors":[{"reason","field"}]}}), bearer tokens with per-token OAuth scopes, record TTLs stored the way
 * Linode stores them (30 and 120 accepted, other values rounded up to the next valid one), an optional rate limit,
 * fault injection (429 with {@code Retry-After}, 5xx, latency) and a request log. The local drill and the scenario
 * tests run the real {@code LinodeClient} against it, so real and simulated runs share one code path.
 */
public final class LinodeApiSimulator implements AutoCloseable {

    /** TTLs Linode stores; other values are rounded up to the next of these (30 and 120 are accepted in practice). */
    public static final List<Integer> STORED_TTLS = List.of(0, 30, 120, 300, 3600, 7200, 14400, 28800, 57600, 86400,
            172800, 345600, 604800, 1209600, 2419200);

    /** A scope that grants everything (a token created with "*" / all scopes). */
    public static final String ALL_SCOPES = "*";

    private static final List<String> RECORD_TYPES = List.of("A", "AAAA", "NS", "MX", "CNAME", "TXT", "SRV", "PTR", "CAA");
    private static final Pattern FIREWALL_LABEL = Pattern.compile("^[a-zA-Z]((?!--|__|\\.\\.)[a-zA-Z0-9-_.])+$");
    private static final Pattern PATH = Pattern.compile("^/v4(?:beta)?(/.*?)/?$");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor;
    private final Object lock = new Object();
    private final AtomicLong ids = new AtomicLong(1000);

    // state, guarded by lock
    private final Map<String, Set<String>> tokens = new HashMap<>();
    private final Map<Long, ObjectNode> domains = new LinkedHashMap<>();
    private final Map<Long, Map<Long, ObjectNode>> records = new HashMap<>();
    private final Map<Long, ObjectNode> firewalls = new LinkedHashMap<>();
    private final Map<Long, Map<Long, ObjectNode>> devices = new HashMap<>();
    private final Map<Long, String> linodes = new LinkedHashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private int rateLimit = Integer.MAX_VALUE;
    private Duration rateWindow = Duration.ofMinutes(2);
    private Instant windowStart = Instant.now();
    private int windowCount;

    private final List<RecordedRequest> log = new CopyOnWriteArrayList<>();

    private record Fault(int status, Duration retryAfter, Duration latency, int[] remaining) {}

    private LinodeApiSimulator(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts the simulator on 127.0.0.1 at a free port. */
    public static LinodeApiSimulator start() {
        return start(0);
    }

    /** Starts the simulator on 127.0.0.1:{@code port} (0 = any free port). */
    public static LinodeApiSimulator start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "linode-api-simulator");
                t.setDaemon(true);
                return t;
            });
            LinodeApiSimulator sim = new LinodeApiSimulator(server, executor);
            server.createContext("/", sim::handle);
            server.setExecutor(executor);
            server.start();
            return sim;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Linode API simulator on 127.0.0.1:" + port, e);
        }
    }

    /** The base URL to give {@code LinodeClient} ({@code http://127.0.0.1:PORT/v4}). */
    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v4");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "LinodeApiSimulator[" + apiUrl() + "]";
    }

    // ------------------------------------------------------------------------------------------ setup and state

    /**
     * Accepts {@code token} with the given OAuth scopes, e.g. {@code "domains:read_write"},
     * {@code "firewall:read_only"} or {@link #ALL_SCOPES}. Read-write implies read-only.
     */
    public LinodeApiSimulator addToken(String token, String... scopes) {
        synchronized (lock) {
            tokens.put(token, Set.of(scopes));
        }
        return this;
    }

    /** Removes a token: it then gets 401 like an expired or revoked one. */
    public void revokeToken(String token) {
        synchronized (lock) {
            tokens.remove(token);
        }
    }

    /** Creates a master zone directly (as if made in Cloud Manager). */
    public DnsZone addZone(String domain) {
        synchronized (lock) {
            ObjectNode d = newDomain(domain.toLowerCase(Locale.ROOT), "admin@" + domain);
            return new DnsZone(d.path("id").asLong(), d.path("domain").asText());
        }
    }

    /** Adds a record directly; its TTL is stored the way Linode stores it. */
    public DnsRecord addRecord(DnsZone zone, DnsRecord record) {
        synchronized (lock) {
            ObjectNode r = json.createObjectNode();
            r.put("type", record.type()).put("name", record.name() == null ? "" : record.name())
                    .put("target", record.target()).put("ttl_sec", record.ttlSec());
            return toRecord(storeRecord(zone.id(), r));
        }
    }

    /** The records of a zone as stored now, by domain name (empty when there is no such zone). */
    public List<DnsRecord> records(String domain) {
        synchronized (lock) {
            for (ObjectNode d : domains.values()) {
                if (d.path("domain").asText().equalsIgnoreCase(domain)) {
                    return records.get(d.path("id").asLong()).values().stream().map(LinodeApiSimulator::toRecord).toList();
                }
            }
            return List.of();
        }
    }

    /** Registers a Linode instance that firewall devices can attach to; returns its id. */
    public long addLinode(String label) {
        synchronized (lock) {
            long id = ids.incrementAndGet();
            linodes.put(id, label);
            return id;
        }
    }

    /** The stored rules of a firewall (empty when it does not exist). */
    public Optional<FirewallRules> firewallRules(long firewallId) {
        synchronized (lock) {
            ObjectNode f = firewalls.get(firewallId);
            return f == null ? Optional.empty() : Optional.of(toRules(f.path("rules")));
        }
    }

    /** Ids of the Linode instances the firewall is attached to now. */
    public List<Long> attachedLinodes(long firewallId) {
        synchronized (lock) {
            Map<Long, ObjectNode> ds = devices.getOrDefault(firewallId, Map.of());
            return ds.values().stream().map(d -> d.path("entity").path("id").asLong()).toList();
        }
    }

    /**
     * Whether the firewall attached to {@code linodeId} lets an inbound connection through, with Linode's semantics:
     * the first inbound rule matching protocol, port and source address decides, else the inbound policy; a Linode
     * without a firewall admits everything. The local drill gates its database connections with it, so a Cloud
     * Firewall fence written through the API really cuts traffic.
     */
    public boolean admitsInbound(long linodeId, String protocol, int port, String sourceIp) {
        synchronized (lock) {
            for (var entry : devices.entrySet()) {
                for (ObjectNode d : entry.getValue().values()) {
                    if (d.path("entity").path("id").asLong() == linodeId) {
                        return admits(firewalls.get(entry.getKey()).path("rules"), protocol, port, sourceIp);
                    }
                }
            }
            return true;
        }
    }

    private static boolean admits(JsonNode rules, String protocol, int port, String sourceIp) {
        for (JsonNode rule : rules.path("inbound")) {
            if (!rule.path("protocol").asText().equalsIgnoreCase(protocol)) {
                continue;
            }
            String ports = rule.path("ports").asText("");
            if (!ports.isEmpty() && !portMatches(ports, port)) {
                continue;
            }
            boolean addressMatches = false;
            for (String family : List.of("ipv4", "ipv6")) {
                for (JsonNode cidr : rule.path("addresses").path(family)) {
                    addressMatches |= inCidr(sourceIp, cidr.asText());
                }
            }
            if (addressMatches) {
                return rule.path("action").asText().equals("ACCEPT");
            }
        }
        return rules.path("inbound_policy").asText().equals("ACCEPT");
    }

    private static boolean portMatches(String ports, int port) {
        for (String piece : ports.split(",")) {
            String p = piece.trim();
            int dash = p.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
            if (port >= from && port <= to) {
                return true;
            }
        }
        return false;
    }

    private static boolean inCidr(String ip, String cidr) {
        try {
            int slash = cidr.indexOf('/');
            byte[] net = InetAddress.getByName(slash < 0 ? cidr : cidr.substring(0, slash)).getAddress();
            byte[] addr = InetAddress.getByName(ip).getAddress();
            if (net.length != addr.length) {
                return false;
            }
            int bits = slash < 0 ? net.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            for (int i = 0; i < net.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((net[i] & mask) != (addr[i] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------ faults and log

    /** The next {@code n} requests get 429 with {@code Retry-After: retryAfter} (whole seconds, as Linode sends). */
    public void rateLimitNext(int n, Duration retryAfter) {
        addFault(new Fault(429, retryAfter, Duration.ZERO, new int[] {n}));
    }

    /** The next {@code n} requests get {@code status} (a 5xx) with Linode's error body. */
    public void failNext(int n, int status) {
        addFault(new Fault(status, null, Duration.ZERO, new int[] {n}));
    }

    /** The next {@code n} requests are answered normally, but only after {@code latency}. */
    public void delayNext(int n, Duration latency) {
        addFault(new Fault(0, null, latency, new int[] {n}));
    }

    /** Clears injected faults (not the rate limit). */
    public void clearFaults() {
        synchronized (lock) {
            faults.clear();
        }
    }

    /**
     * Limits requests like Linode's rate limiter: at most {@code requests} per {@code window}; beyond that 429 with
     * {@code Retry-After} until the window ends. Responses carry {@code X-RateLimit-Remaining}. Off by default.
     */
    public void rateLimit(int requests, Duration window) {
        synchronized (lock) {
            this.rateLimit = requests;
            this.rateWindow = window;
            this.windowStart = Instant.now();
            this.windowCount = 0;
        }
    }

    /** Every request answered so far, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(log);
    }

    /** Forgets the request log. */
    public void clearRequests() {
        log.clear();
    }

    private void addFault(Fault fault) {
        if (fault.remaining()[0] < 1) {
            throw new IllegalArgumentException("fault count must be at least 1, got " + fault.remaining()[0]);
        }
        synchronized (lock) {
            faults.addLast(fault);
        }
    }

    // ------------------------------------------------------------------------------------------ HTTP

    /** An API answer: status, JSON body, extra headers. */
    private record Answer(int status, JsonNode body, Map<String, String> headers) {
        Answer(int status, JsonNode body) {
            this(status, body, Map.of());
        }
    }

    /** Thrown inside handlers to answer with Linode's error shape. */
    private static final class ApiError extends RuntimeException {
        final int status;
        final String field;

        ApiError(int status, String field, String reason) {
            super(reason, null, false, false);
            this.status = status;
            this.field = field;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        byte[] bodyBytes;
        try (InputStream in = ex.getRequestBody()) {
            bodyBytes = in.readAllBytes();
        }
        String body = bodyBytes.length == 0 ? null : new String(bodyBytes, StandardCharsets.UTF_8);
        Answer answer;
        String path = rawPath;
        try {
            Matcher m = PATH.matcher(rawPath);
            if (!m.matches()) {
                throw new ApiError(404, null, "Not found");
            }
            path = m.group(1);
            Fault fault = takeFault();
            if (fault != null && !fault.latency().isZero()) {
                sleep(fault.latency());
            }
            if (fault != null && fault.status() != 0) {
                answer = faultAnswer(fault);
            } else {
                Optional<Answer> limited = rateLimited();
                if (limited.isPresent()) {
                    answer = limited.get();
                } else {
                    answer = route(method, path, query == null ? "" : query, body,
                            ex.getRequestHeaders().getFirst("Authorization"),
                            ex.getRequestHeaders().getFirst("X-Filter"));
                }
            }
        } catch (ApiError e) {
            answer = new Answer(e.status, errors(e.field, e.getMessage()));
        } catch (RuntimeException e) {
            answer = new Answer(500, errors(null, "Internal simulator error: " + e.getClass().getSimpleName()));
        }
        log.add(new RecordedRequest(Instant.now(), method, path, query == null ? "" : query, body, answer.status()));
        byte[] out = json.writeValueAsBytes(answer.body());
        ex.getResponseHeaders().set("Content-Type", "application/json");
        answer.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        synchronized (lock) {
            if (rateLimit != Integer.MAX_VALUE) {
                ex.getResponseHeaders().set("X-RateLimit-Limit", String.valueOf(rateLimit));
                ex.getResponseHeaders().set("X-RateLimit-Remaining", String.valueOf(Math.max(0, rateLimit - windowCount)));
            }
        }
        ex.sendResponseHeaders(answer.status(), out.length);
        try (var os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    private Fault takeFault() {
        synchronized (lock) {
            Fault f = faults.peekFirst();
            if (f == null) {
                return null;
            }
            if (--f.remaining()[0] <= 0) {
                faults.removeFirst();
            }
            return f;
        }
    }

    private Answer faultAnswer(Fault f) {
        if (f.status() == 429) {
            long seconds = Math.max(0, (f.retryAfter().toMillis() + 999) / 1000);
            return new Answer(429, errors(null, "Too Many Requests"), Map.of("Retry-After", String.valueOf(seconds)));
        }
        return new Answer(f.status(), errors(null, f.status() == 503 ? "Service Unavailable"
                : "An unexpected error occurred; please try again"));
    }

    private Optional<Answer> rateLimited() {
        synchronized (lock) {
            if (rateLimit == Integer.MAX_VALUE) {
                return Optional.empty();
            }
            Instant now = Instant.now();
            if (now.isAfter(windowStart.plus(rateWindow))) {
                windowStart = now;
                windowCount = 0;
            }
            if (windowCount >= rateLimit) {
                long seconds = Math.max(1, Duration.between(now, windowStart.plus(rateWindow)).toMillis() / 1000 + 1);
                return Optional.of(new Answer(429, errors(null, "Too Many Requests"),
                        Map.of("Retry-After", String.valueOf(seconds))));
            }
            windowCount++;
            return Optional.empty();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ObjectNode errors(String field, String reason) {
        ObjectNode root = json.createObjectNode();
        ObjectNode e = root.putArray("errors").addObject();
        if (field != null) {
            e.put("field", field);
        }
        e.put("reason", reason);
        return root;
    }

    // ------------------------------------------------------------------------------------------ routing

    private Answer route(String method, String path, String query, String body, String authorization, String xFilter) {
        String[] seg = path.substring(1).split("/");
        String area;
        if (seg[0].equals("domains")) {
            area = "domains";
        } else if (seg.length >= 2 && seg[0].equals("networking") && seg[1].equals("firewalls")) {
            area = "firewall";
        } else {
            throw new ApiError(404, null, "Not found");
        }
        authorize(authorization, area, method.equals("GET"));
        JsonNode in = parseBody(body);
        Map<String, String> params = query(query);
        synchronized (lock) {
            if (area.equals("domains")) {
                return routeDomains(method, seg, params, in, xFilter);
            }
            return routeFirewalls(method, seg, params, in, xFilter);
        }
    }

    private void authorize(String authorization, String area, boolean read) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new ApiError(401, null, "Invalid Token");
        }
        Set<String> scopes;
        synchronized (lock) {
            scopes = tokens.get(authorization.substring("Bearer ".length()).trim());
        }
        if (scopes == null) {
            throw new ApiError(401, null, "Invalid Token");
        }
        boolean ok = scopes.contains(ALL_SCOPES) || scopes.contains(area + ":read_write")
                || (read && scopes.contains(area + ":read_only"));
        if (!ok) {
            throw new ApiError(403, null, "Your OAuth token is not authorized to use this endpoint.");
        }
    }

    private JsonNode parseBody(String body) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode n = json.readTree(body);
            if (!n.isObject()) {
                throw new ApiError(400, null, "Request body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new ApiError(400, null, "Invalid JSON");
        }
    }

    private static Map<String, String> query(String q) {
        Map<String, String> out = new HashMap<>();
        if (q == null || q.isEmpty()) {
            return out;
        }
        for (String kv : q.split("&")) {
            int i = kv.indexOf('=');
            String k = java.net.URLDecoder.decode(i < 0 ? kv : kv.substring(0, i), StandardCharsets.UTF_8);
            String v = i < 0 ? "" : java.net.URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static long id(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new ApiError(404, null, "Not found");
        }
    }

    private static ApiError methodNotAllowed() {
        return new ApiError(405, null, "Method Not Allowed");
    }

    // ------------------------------------------------------------------------------------------ domains

    private Answer routeDomains(String method, String[] seg, Map<String, String> params, JsonNode in, String xFilter) {
        if (seg.length == 1) {
            return switch (method) {
                case "GET" -> page(new ArrayList<>(domains.values()), params, xFilter, Set.of("domain", "group", "tags"));
                case "POST" -> new Answer(200, createDomain(in));
                default -> throw methodNotAllowed();
            };
        }
        long domainId = id(seg[1]);
        ObjectNode domain = domains.get(domainId);
        if (domain == null) {
            throw new ApiError(404, null, "Not found");
        }
        if (seg.length == 2) {
            return switch (method) {
                case "GET" -> new Answer(200, domain);
                case "DELETE" -> {
                    domains.remove(domainId);
                    records.remove(domainId);
                    yield new Answer(200, json.createObjectNode());
                }
                default -> throw methodNotAllowed();
            };
        }
        if (!seg[2].equals("records") || seg.length > 4) {
            throw new ApiError(404, null, "Not found");
        }
        Map<Long, ObjectNode> zoneRecords = records.get(domainId);
        if (seg.length == 3) {
            return switch (method) {
                case "GET" -> page(new ArrayList<>(zoneRecords.values()), params, xFilter,
                        Set.of("name", "type", "target", "tag"));
                case "POST" -> new Answer(200, storeRecord(domainId, validateNewRecord(in)));
                default -> throw methodNotAllowed();
            };
        }
        long recordId = id(seg[3]);
        ObjectNode record = zoneRecords.get(recordId);
        if (record == null) {
            throw new ApiError(404, null, "Not found");
        }
        return switch (method) {
            case "GET" -> new Answer(200, record);
            case "PUT" -> new Answer(200, updateRecord(record, in));
            case "DELETE" -> {
                zoneRecords.remove(recordId);
                yield new Answer(200, json.createObjectNode());
            }
            default -> throw methodNotAllowed();
        };
    }

    private ObjectNode createDomain(JsonNode in) {
        String domain = in.path("domain").asText("");
        if (domain.isEmpty()) {
            throw new ApiError(400, "domain", "domain is required");
        }
        if (!in.path("type").asText("").equals("master") && !in.path("type").asText("").equals("slave")) {
            throw new ApiError(400, "type", "type must be master or slave");
        }
        if (in.path("type").asText().equals("master") && in.path("soa_email").asText("").isEmpty()) {
            throw new ApiError(400, "soa_email", "soa_email is required for master domains");
        }
        for (ObjectNode d : domains.values()) {
            if (d.path("domain").asText().equalsIgnoreCase(domain)) {
                throw new ApiError(400, "domain", "Domain already exists.");
            }
        }
        return newDomain(domain.toLowerCase(Locale.ROOT), in.path("soa_email").asText());
    }

    private ObjectNode newDomain(String domain, String soaEmail) {
        long id = ids.incrementAndGet();
        ObjectNode d = json.createObjectNode();
        d.put("id", id).put("domain", domain).put("type", "master").put("status", "active")
                .put("soa_email", soaEmail).put("description", "").put("group", "")
                .put("ttl_sec", 0).put("refresh_sec", 0).put("retry_sec", 0).put("expire_sec", 0);
        d.putArray("master_ips");
        d.putArray("axfr_ips");
        d.putArray("tags");
        domains.put(id, d);
        records.put(id, new LinkedHashMap<>());
        return d;
    }

    private ObjectNode validateNewRecord(JsonNode in) {
        String type = in.path("type").asText("");
        if (!RECORD_TYPES.contains(type)) {
            throw new ApiError(400, "type", "type must be one of " + String.join(", ", RECORD_TYPES));
        }
        ObjectNode r = json.createObjectNode();
        r.put("type", type);
        r.put("name", in.path("name").asText(""));
        r.put("target", in.path("target").asText(""));
        r.put("ttl_sec", in.path("ttl_sec").asInt(0));
        checkRecord(r, in);
        return r;
    }

    private ObjectNode updateRecord(ObjectNode record, JsonNode in) {
        if (in.has("type")) {
            throw new ApiError(400, "type", "A record's type cannot be changed; delete it and create a new one");
        }
        ObjectNode next = record.deepCopy();
        if (in.has("name")) {
            next.put("name", in.path("name").asText(""));
        }
        if (in.has("target")) {
            next.put("target", in.path("target").asText(""));
        }
        if (in.has("ttl_sec")) {
            next.put("ttl_sec", in.path("ttl_sec").asInt(0));
        }
        checkRecord(next, in);
        next.put("ttl_sec", storedTtl(next.path("ttl_sec").asInt()));
        next.put("updated", now());
        record.setAll(next);
        return record;
    }

    private void checkRecord(ObjectNode r, JsonNode in) {
        if (in.has("ttl_sec") && !in.path("ttl_sec").isIntegralNumber()) {
            throw new ApiError(400, "ttl_sec", "ttl_sec must be an integer");
        }
        String type = r.path("type").asText();
        String name = r.path("name").asText();
        String target = r.path("target").asText();
        if (name.length() > 100) {
            throw new ApiError(400, "name", "Length must be 100 characters or less.");
        }
        if (target.isEmpty()) {
            throw new ApiError(400, "target", "target is required");
        }
        if (type.equals("A") && !isIpv4(target)) {
            throw new ApiError(400, "target", "Invalid IPv4 address: " + target);
        }
        if (type.equals("AAAA") && (!target.contains(":") || !isIp(target))) {
            throw new ApiError(400, "target", "Invalid IPv6 address: " + target);
        }
        if (r.path("ttl_sec").asInt() < 0) {
            throw new ApiError(400, "ttl_sec", "ttl_sec must be a positive integer");
        }
    }

    private ObjectNode storeRecord(long domainId, ObjectNode r) {
        long id = ids.incrementAndGet();
        ObjectNode stored = json.createObjectNode();
        stored.put("id", id);
        stored.put("type", r.path("type").asText());
        stored.put("name", r.path("name").asText(""));
        stored.put("target", r.path("target").asText());
        stored.put("priority", 0).put("weight", 0).put("port", 0);
        stored.putNull("service").putNull("protocol").putNull("tag");
        stored.put("ttl_sec", storedTtl(r.path("ttl_sec").asInt()));
        stored.put("created", now()).put("updated", now());
        Map<Long, ObjectNode> zone = records.get(domainId);
        if (zone == null) {
            throw new ApiError(404, null, "Not found");
        }
        zone.put(id, stored);
        return stored;
    }

    /** Linode stores the next valid TTL at or above the requested one (30 and 120 included). */
    static int storedTtl(int requested) {
        for (int valid : STORED_TTLS) {
            if (valid >= requested) {
                return valid;
            }
        }
        return STORED_TTLS.get(STORED_TTLS.size() - 1);
    }

    private static DnsRecord toRecord(JsonNode r) {
        return new DnsRecord(r.path("id").asLong(), r.path("type").asText(), r.path("name").asText(),
                r.path("target").asText(), r.path("ttl_sec").asInt());
    }

    private static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** An IPv4 (or IPv6) literal with an optional /mask of at most 32 (128) bits. */
    private static boolean isCidr(String s, boolean v4) {
        int slash = s.indexOf('/');
        String ip = slash < 0 ? s : s.substring(0, slash);
        if (slash >= 0) {
            String bits = s.substring(slash + 1);
            if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > (v4 ? 32 : 128)) {
                return false;
            }
        }
        return v4 ? isIpv4(ip) : ip.contains(":") && isIp(ip);
    }

    private static boolean isIp(String s) {
        if (!s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return false;
        }
        try {
            InetAddress.getByName(s);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------ firewalls

    private Answer routeFirewalls(String method, String[] seg, Map<String, String> params, JsonNode in, String xFilter) {
        if (seg.length == 2) {
            return switch (method) {
                case "GET" -> page(new ArrayList<>(firewalls.values()), params, xFilter, Set.of("label", "id", "tags"));
                case "POST" -> new Answer(200, createFirewall(in));
                default -> throw methodNotAllowed();
            };
        }
        long firewallId = id(seg[2]);
        ObjectNode firewall = firewalls.get(firewallId);
        if (firewall == null) {
            throw new ApiError(404, null, "Not found");
        }
        if (seg.length == 3) {
            return switch (method) {
                case "GET" -> new Answer(200, firewall);
                case "DELETE" -> {
                    firewalls.remove(firewallId);
                    devices.remove(firewallId);
                    yield new Answer(200, json.createObjectNode());
                }
                default -> throw methodNotAllowed();
            };
        }
        if (seg[3].equals("rules") && seg.length == 4) {
            return switch (method) {
                case "GET" -> new Answer(200, firewall.path("rules"));
                case "PUT" -> {
                    ObjectNode rules = validateRules(in, "");
                    int version = firewall.path("rules").path("version").asInt() + 1;
                    rules.put("version", version);
                    rules.put("fingerprint", String.format("%08x", rules.toString().hashCode()));
                    firewall.set("rules", rules);
                    firewall.put("updated", now());
                    yield new Answer(200, rules);
                }
                default -> throw methodNotAllowed();
            };
        }
        if (!seg[3].equals("devices") || seg.length > 5) {
            throw new ApiError(404, null, "Not found");
        }
        Map<Long, ObjectNode> fwDevices = devices.get(firewallId);
        if (seg.length == 4) {
            return switch (method) {
                case "GET" -> page(new ArrayList<>(fwDevices.values()), params, xFilter, Set.of("id"));
                case "POST" -> new Answer(200, attach(firewallId, in));
                default -> throw methodNotAllowed();
            };
        }
        long deviceId = id(seg[4]);
        ObjectNode device = fwDevices.get(deviceId);
        if (device == null) {
            throw new ApiError(404, null, "Not found");
        }
        return switch (method) {
            case "GET" -> new Answer(200, device);
            case "DELETE" -> {
                fwDevices.remove(deviceId);
                yield new Answer(200, json.createObjectNode());
            }
            default -> throw methodNotAllowed();
        };
    }

    private ObjectNode createFirewall(JsonNode in) {
        String label = in.path("label").asText("");
        if (label.length() < 3 || label.length() > 32 || !FIREWALL_LABEL.matcher(label).matches()) {
            throw new ApiError(400, "label", "Label must be 3-32 characters, start with a letter and contain only"
                    + " letters, digits, '-', '_' and '.'");
        }
        for (ObjectNode f : firewalls.values()) {
            if (f.path("label").asText().equals(label)) {
                throw new ApiError(400, "label", "Label must be unique among your Cloud Firewalls");
            }
        }
        if (!in.has("rules")) {
            throw new ApiError(400, "rules", "rules is required");
        }
        ObjectNode rules = validateRules(in.path("rules"), "rules.");
        rules.put("version", 1);
        rules.put("fingerprint", String.format("%08x", rules.toString().hashCode()));
        List<Long> linodeIds = new ArrayList<>();
        in.path("devices").path("linodes").forEach(n -> linodeIds.add(n.asLong()));
        for (long linodeId : linodeIds) {
            checkAttachable(linodeId);
        }
        long id = ids.incrementAndGet();
        ObjectNode f = json.createObjectNode();
        f.put("id", id).put("label", label).put("status", "enabled");
        f.set("rules", rules);
        f.putArray("tags");
        f.put("created", now()).put("updated", now());
        firewalls.put(id, f);
        devices.put(id, new LinkedHashMap<>());
        for (long linodeId : linodeIds) {
            long deviceId = ids.incrementAndGet();
            devices.get(id).put(deviceId, device(deviceId, linodeId));
        }
        return f;
    }

    private ObjectNode attach(long firewallId, JsonNode in) {
        String type = in.path("type").asText("");
        if (!type.equals("linode") && !type.equals("nodebalancer")) {
            throw new ApiError(400, "type", "type must be linode or nodebalancer");
        }
        if (!in.path("id").isIntegralNumber()) {
            throw new ApiError(400, "id", "id is required");
        }
        if (type.equals("nodebalancer")) {
            throw new ApiError(400, "type", "This simulator only attaches firewalls to Linode instances");
        }
        long linodeId = in.path("id").asLong();
        checkAttachable(linodeId);
        long deviceId = ids.incrementAndGet();
        ObjectNode d = device(deviceId, linodeId);
        devices.get(firewallId).put(deviceId, d);
        return d;
    }

    private void checkAttachable(long linodeId) {
        if (!linodes.containsKey(linodeId)) {
            throw new ApiError(404, "id", "Linode " + linodeId + " not found");
        }
        for (var entry : devices.entrySet()) {
            for (ObjectNode d : entry.getValue().values()) {
                if (d.path("entity").path("id").asLong() == linodeId) {
                    throw new ApiError(400, "id", "Linode " + linodeId + " already has an enabled firewall ("
                            + entry.getKey() + "); only one can be attached at a time");
                }
            }
        }
    }

    private ObjectNode device(long deviceId, long linodeId) {
        ObjectNode d = json.createObjectNode();
        d.put("id", deviceId);
        ObjectNode e = d.putObject("entity");
        e.put("id", linodeId).put("label", linodes.get(linodeId)).put("type", "linode")
                .put("url", "/v4/linode/instances/" + linodeId);
        d.put("created", now()).put("updated", now());
        return d;
    }

    private ObjectNode validateRules(JsonNode in, String prefix) {
        ObjectNode out = json.createObjectNode();
        for (String policy : List.of("inbound_policy", "outbound_policy")) {
            String v = in.path(policy).asText("");
            if (!v.equals("ACCEPT") && !v.equals("DROP")) {
                throw new ApiError(400, prefix + policy, policy + " must be ACCEPT or DROP");
            }
            out.put(policy, v);
        }
        int total = 0;
        for (String direction : List.of("inbound", "outbound")) {
            ArrayNode rules = out.putArray(direction);
            JsonNode list = in.path(direction);
            if (!list.isMissingNode() && !list.isArray()) {
                throw new ApiError(400, prefix + direction, direction + " must be a list of rules");
            }
            int i = 0;
            for (JsonNode r : list) {
                rules.add(validateRule(r, prefix + direction + "[" + i++ + "]."));
                total++;
            }
        }
        if (total > 25) {
            throw new ApiError(400, prefix + "inbound", "A firewall may have at most 25 rules");
        }
        return out;
    }

    private ObjectNode validateRule(JsonNode r, String field) {
        String action = r.path("action").asText("");
        if (!action.equals("ACCEPT") && !action.equals("DROP")) {
            throw new ApiError(400, field + "action", "action must be ACCEPT or DROP");
        }
        String protocol = r.path("protocol").asText("");
        if (!List.of("TCP", "UDP", "ICMP", "IPENCAP").contains(protocol)) {
            throw new ApiError(400, field + "protocol", "protocol must be TCP, UDP, ICMP or IPENCAP");
        }
        ObjectNode out = json.createObjectNode();
        out.put("action", action).put("protocol", protocol);
        if (r.hasNonNull("ports")) {
            if (protocol.equals("ICMP") || protocol.equals("IPENCAP")) {
                throw new ApiError(400, field + "ports", "Ports are not allowed for the ICMP and IPENCAP protocols");
            }
            String ports = r.path("ports").asText();
            if (!ports.matches("^[1-9][0-9]{0,4}(-[1-9][0-9]{0,4})?(, ?[1-9][0-9]{0,4}(-[1-9][0-9]{0,4})?)*$")) {
                throw new ApiError(400, field + "ports", "Invalid ports: " + ports);
            }
            out.put("ports", ports);
        }
        if (r.has("label")) {
            String label = r.path("label").asText("");
            if (label.length() < 3 || label.length() > 32) {
                throw new ApiError(400, field + "label", "Label must be 3-32 characters");
            }
            out.put("label", label);
        }
        if (r.has("description")) {
            out.put("description", r.path("description").asText());
        }
        JsonNode addresses = r.path("addresses");
        boolean hasV4 = addresses.path("ipv4").isArray() && !addresses.path("ipv4").isEmpty();
        boolean hasV6 = addresses.path("ipv6").isArray() && !addresses.path("ipv6").isEmpty();
        if (!hasV4 && !hasV6) {
            throw new ApiError(400, field + "addresses", "Must contain ipv4, ipv6, or both");
        }
        // Linode refuses anything but IP literals with an optional /mask; accepting host names here would make
        // inCidr resolve them through DNS on every probe
        for (String family : List.of("ipv4", "ipv6")) {
            for (JsonNode n : addresses.path(family)) {
                if (!isCidr(n.asText(), family.equals("ipv4"))) {
                    throw new ApiError(400, field + "addresses." + family, "Invalid " + (family.equals("ipv4")
                            ? "IPv4" : "IPv6") + " address or network: " + n.asText());
                }
            }
        }
        ObjectNode a = out.putObject("addresses");
        if (hasV4) {
            a.set("ipv4", addresses.path("ipv4").deepCopy());
        }
        if (hasV6) {
            a.set("ipv6", addresses.path("ipv6").deepCopy());
        }
        return out;
    }

    private static FirewallRules toRules(JsonNode r) {
        return new FirewallRules(r.path("inbound_policy").asText(), toRuleList(r.path("inbound")),
                r.path("outbound_policy").asText(), toRuleList(r.path("outbound")));
    }

    private static List<FirewallRule> toRuleList(JsonNode list) {
        List<FirewallRule> out = new ArrayList<>();
        for (JsonNode r : list) {
            List<String> v4 = new ArrayList<>();
            List<String> v6 = new ArrayList<>();
            r.path("addresses").path("ipv4").forEach(n -> v4.add(n.asText()));
            r.path("addresses").path("ipv6").forEach(n -> v6.add(n.asText()));
            String ports = r.path("ports").asText("");
            out.add(new FirewallRule(r.hasNonNull("label") ? r.path("label").asText() : null, r.path("action").asText(),
                    r.path("protocol").asText(), ports.isEmpty() ? null : ports, v4, v6));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ paging, filters

    private Answer page(List<ObjectNode> all, Map<String, String> params, String xFilter, Set<String> filterable) {
        List<ObjectNode> items = filter(all, xFilter, filterable);
        int page = intParam(params, "page", 1);
        int pageSize = intParam(params, "page_size", 100);
        if (page < 1) {
            throw new ApiError(400, "page", "page must be 1 or more");
        }
        if (pageSize < 25 || pageSize > 500) {
            throw new ApiError(400, "page_size", "page_size must be between 25 and 500");
        }
        int pages = Math.max(1, (items.size() + pageSize - 1) / pageSize);
        ObjectNode out = json.createObjectNode();
        ArrayNode data = out.putArray("data");
        int from = (page - 1) * pageSize;
        for (int i = from; i < Math.min(items.size(), from + pageSize); i++) {
            data.add(items.get(i));
        }
        out.put("page", page).put("pages", pages).put("results", items.size());
        return new Answer(200, out);
    }

    private static int intParam(Map<String, String> params, String name, int dflt) {
        String v = params.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ApiError(400, name, name + " must be an integer");
        }
    }

    /** Linode's X-Filter, equality form only ({"field": value, …}); operators are refused, not guessed. */
    private List<ObjectNode> filter(List<ObjectNode> items, String xFilter, Set<String> filterable) {
        if (xFilter == null || xFilter.isBlank()) {
            return items;
        }
        JsonNode f;
        try {
            f = json.readTree(xFilter);
        } catch (IOException e) {
            throw new ApiError(400, "X-Filter", "Invalid JSON in X-Filter header");
        }
        if (!f.isObject()) {
            throw new ApiError(400, "X-Filter", "X-Filter must be a JSON object");
        }
        List<ObjectNode> out = new ArrayList<>(items);
        for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            if (field.startsWith("+")) {
                throw new ApiError(400, "X-Filter", "Filter operator " + field + " is not supported by the simulator");
            }
            if (!filterable.contains(field)) {
                throw new ApiError(400, "X-Filter", "Cannot filter on " + field);
            }
            if (!e.getValue().isValueNode()) {
                throw new ApiError(400, "X-Filter", "Filter operators on " + field + " are not supported by the simulator");
            }
            String wanted = e.getValue().asText();
            out.removeIf(item -> !item.path(field).asText().equals(wanted));
        }
        return out;
    }

    private static String now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(TIMESTAMP);
    }
}
