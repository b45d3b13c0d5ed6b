package io.shopdr.sim.linode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.linode.firewall.FirewallRules;
import io.shopdr.sim.linode.ratelimit.LimitClass;
import io.shopdr.sim.linode.ratelimit.LinodeRateLimiter;
import io.shopdr.sim.linode.ratelimit.RateLimitDecision;
import io.shopdr.sim.linode.ratelimit.RequestRateMeter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SIMULATOR of the Linode API v4 (not Linode): a stateful in-process HTTP server for the endpoints shopdr uses —
 * domains, domain records, Cloud Firewalls with their rules and devices — with Linode's shapes, pagination
 * ({@code page}, {@code page_size} 25–500), {@code X-Filter} equality filters, error bodies
 * ({@code {"errors":[{"reason","field"}]}}), bearer tokens with per-token OAuth scopes, record TTLs stored the way
 * Linode stores them (30 and 120 accepted, other values rounded up to the next valid one), Linode's per-user rate
 * limits when {@linkplain #enforceLinodeRateLimits() enforced}, a {@link RequestRateMeter} of every request by limit
 * class, fault injection (429 with {@code Retry-After}, 5xx, latency) and a request log. The local drill and the scenario
 * tests run the real {@code LinodeClient} against it, so real and simulated runs share one code path.
 *
 * <p>Built like fabric8's mock Kubernetes server: this class serves HTTP and holds the test-facing API; each API
 * area is an {@link ApiArea} ({@link DomainsArea}, {@link RecordsArea}, {@link FirewallsArea},
 * {@link FirewallDevicesArea}) over one {@link SimulatedAccount}; tokens and their scopes are {@link TokenScopes};
 * what goes wrong on purpose (faults, latency, the rate limit) is {@link Faults}; what each Linode's firewall
 * enforces, and who is told when that changes, is {@link FirewallEnforcement}.
 */
public final class LinodeApiSimulator implements AutoCloseable {

    /** TTLs Linode stores; other values are rounded up to the next of these (30 and 120 are accepted in practice). */
    public static final List<Integer> STORED_TTLS = List.of(0, 30, 120, 300, 3600, 7200, 14400, 28800, 57600, 86400,
            172800, 345600, 604800, 1209600, 2419200);

    /** A scope that grants everything (a token created with "*" / all scopes). */
    public static final String ALL_SCOPES = "*";

    private static final Pattern PATH = Pattern.compile("^/v4(?:beta)?(/.*?)/?$");

    static {
        // The JDK's HTTP server writes headers and body separately; without TCP_NODELAY each small answer waits on
        // Nagle and the client's delayed ACK (~40 ms on Linux), which would make every simulated API call that slow.
        // Read once, when the first HttpServer of the JVM is created; a value set by the user is kept.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final SimulatedAccount account = new SimulatedAccount();
    private final TokenScopes tokens = new TokenScopes();
    private final Faults faults = new Faults(account);
    private final DomainsArea domains = new DomainsArea(account);
    private final RecordsArea records = new RecordsArea(account);
    private final FirewallDevicesArea devices = new FirewallDevicesArea(account);
    private final FirewallEnforcement enforcement = new FirewallEnforcement(account);
    private final List<ApiArea> areas = List.of(domains, records, new FirewallsArea(account, devices), devices);
    private final List<RecordedRequest> log = new CopyOnWriteArrayList<>();
    private final RequestRateMeter meter = new RequestRateMeter();
    private volatile LinodeRateLimiter limiter;
    private volatile Clock clock = Clock.systemUTC();

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
        tokens.add(token, Set.of(scopes));
        return this;
    }

    /** Removes a token: it then gets 401 like an expired or revoked one. */
    public void revokeToken(String token) {
        tokens.revoke(token);
    }

    /** Creates a master zone directly (as if made in Cloud Manager). */
    public DnsZone addZone(String domain) {
        synchronized (account.lock) {
            ObjectNode d = domains.store(domain.toLowerCase(Locale.ROOT), "admin@" + domain);
            return new DnsZone(d.path("id").asLong(), d.path("domain").asText());
        }
    }

    /** Adds a record directly; its TTL is stored the way Linode stores it. */
    public DnsRecord addRecord(DnsZone zone, DnsRecord record) {
        synchronized (account.lock) {
            ObjectNode r = account.json.createObjectNode();
            r.put("type", record.type()).put("name", record.name() == null ? "" : record.name())
                    .put("target", record.target()).put("ttl_sec", record.ttlSec());
            return RecordsArea.toRecord(records.store(zone.id(), r));
        }
    }

    /** The records of a zone as stored now, by domain name (empty when there is no such zone). */
    public List<DnsRecord> records(String domain) {
        synchronized (account.lock) {
            for (ObjectNode d : account.domains.values()) {
                if (d.path("domain").asText().equalsIgnoreCase(domain)) {
                    return account.records.get(d.path("id").asLong()).values().stream()
                            .map(RecordsArea::toRecord).toList();
                }
            }
            return List.of();
        }
    }

    /** Registers a Linode instance that firewall devices can attach to; returns its id. */
    public long addLinode(String label) {
        synchronized (account.lock) {
            long id = account.nextId();
            account.linodes.put(id, label);
            return id;
        }
    }

    /** The stored rules of a firewall (empty when it does not exist). */
    public Optional<FirewallRules> firewallRules(long firewallId) {
        synchronized (account.lock) {
            ObjectNode f = account.firewalls.get(firewallId);
            return f == null ? Optional.empty() : Optional.of(FirewallsArea.toRules(f.path("rules")));
        }
    }

    /** Ids of the Linode instances the firewall is attached to now. */
    public List<Long> attachedLinodes(long firewallId) {
        synchronized (account.lock) {
            Map<Long, ObjectNode> ds = account.devices.getOrDefault(firewallId, Map.of());
            return ds.values().stream().map(d -> d.path("entity").path("id").asLong()).toList();
        }
    }

    /**
     * Whether the firewall attached to {@code linodeId} lets an inbound connection through ({@link InboundRules});
     * a Linode without a firewall admits everything. The local drill gates its database connections with it, so a
     * Cloud Firewall fence written through the API really cuts traffic.
     */
    public boolean admitsInbound(long linodeId, String protocol, int port, String sourceIp) {
        synchronized (account.lock) {
            return enforcement.rulesOf(linodeId).map(rules -> InboundRules.admits(rules, protocol, port, sourceIp))
                    .orElse(true);
        }
    }

    /**
     * Tells {@code listener} what every Linode instance's firewall enforces now, then every change of it made through
     * the API (rules updated, firewall attached, detached or deleted), in order, as the change is made
     * ({@link FirewallEnforcementListener}). How a world around the simulator enforces the firewalls as they stand
     * in the API; Linode applies a change to the instances asynchronously, so the listener decides when it takes
     * effect.
     */
    public LinodeApiSimulator onFirewallEnforcement(FirewallEnforcementListener listener) {
        synchronized (account.lock) {
            enforcement.listen(listener);
        }
        return this;
    }

    // ------------------------------------------------------------------------------------------ faults and log

    /** The next {@code n} requests get 429 with {@code Retry-After: retryAfter} (whole seconds, as Linode sends). */
    public void rateLimitNext(int n, Duration retryAfter) {
        faults.add(429, retryAfter, Duration.ZERO, n);
    }

    /** The next {@code n} requests get {@code status} (a 5xx) with Linode's error body. */
    public void failNext(int n, int status) {
        faults.add(status, null, Duration.ZERO, n);
    }

    /**
     * The next {@code n} requests that {@code which} matches get {@code status} (a 5xx) with Linode's error body; other
     * requests are answered as usual. A call through a client that retries fails when {@code n} covers its attempts.
     */
    public void failMatching(int n, int status, Predicate<IncomingRequest> which) {
        faults.addTargeted(which, status, n);
    }

    /** The next {@code n} requests are answered normally, but only after {@code latency}. */
    public void delayNext(int n, Duration latency) {
        faults.add(0, null, latency, n);
    }

    /** Clears injected faults (not the rate limit). */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * Limits requests like Linode's rate limiter: at most {@code requests} per {@code window}; beyond that 429 with
     * {@code Retry-After} until the window ends. Responses carry {@code X-RateLimit-Remaining}. Off by default.
     */
    public void rateLimit(int requests, Duration window) {
        faults.rateLimit(requests, window);
    }

    /**
     * Enforces Linode's default per-user limits ({@link LinodeRateLimiter}: 200 paginated-collection GETs and 1,600
     * other requests per minute, per token): a request over its class's limit gets 429 with {@code Retry-After},
     * and every answer carries {@code X-RateLimit-Limit}, {@code -Remaining} and {@code -Reset} for its class.
     * Off by default, because tests that probe every few milliseconds would exceed it on purpose-free load.
     */
    public LinodeApiSimulator enforceLinodeRateLimits() {
        limiter = new LinodeRateLimiter();
        return this;
    }

    /**
     * The clock the rate limits and the meter read (default the system clock): a test that drives controllers on a
     * simulated clock gives the same clock here, so "per minute" means per simulated minute.
     */
    public LinodeApiSimulator clock(Clock clock) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Every request received (answered or refused) by limit class, over a sliding minute: {@code api_requests_per_min}. */
    public RequestRateMeter requestRate() {
        return meter;
    }

    /** Requests per limit class in the minute ending now (on the simulator's clock). */
    public Map<LimitClass, Integer> requestsPerMinute() {
        return meter.perMinute(clock.instant());
    }

    /**
     * The rate of requests received in {@code [from, to)} by limit class, scaled to a minute (rounded): a steady
     * state's rate from a window shorter than a minute, without the start-up requests a sliding minute would mix in.
     */
    public Map<LimitClass, Integer> requestsPerMinuteBetween(Instant from, Instant to) {
        long windowMs = Duration.between(from, to).toMillis();
        if (windowMs <= 0) throw new IllegalArgumentException("empty window: " + from + " to " + to);
        Map<LimitClass, Integer> counts = new EnumMap<>(LimitClass.class);
        for (LimitClass c : LimitClass.values()) counts.put(c, 0);
        for (RecordedRequest r : log) {
            if (!r.at().isBefore(from) && r.at().isBefore(to)) counts.merge(LimitClass.of(r.method(), r.path()), 1, Integer::sum);
        }
        counts.replaceAll((c, n) -> (int) Math.round(n * 60_000.0 / windowMs));
        return counts;
    }

    /** Every request answered so far, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(log);
    }

    /** Forgets the request log. */
    public void clearRequests() {
        log.clear();
    }

    // ------------------------------------------------------------------------------------------ HTTP

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
        Instant now = clock.instant();
        Map<String, String> limitHeaders = Map.of();
        try {
            Matcher m = PATH.matcher(rawPath);
            if (!m.matches()) {
                throw ApiError.notFound();
            }
            path = m.group(1);
            LimitClass limitClass = LimitClass.of(method, path);
            meter.record(limitClass, now);
            LinodeRateLimiter l = limiter;
            RateLimitDecision decision = l == null ? null : l.decide(user(ex), limitClass, now);
            if (decision != null) {
                limitHeaders = decision.headers();
            }
            Optional<Answer> intercepted = decision instanceof RateLimitDecision.Limited
                    ? Optional.of(new Answer(429, account.errors(null, "Too Many Requests"))) : faults.intercept(new IncomingRequest(method, path, body));
            answer = intercepted.isPresent() ? intercepted.get()
                    : route(method, path, query == null ? "" : query, body,
                            ex.getRequestHeaders().getFirst("Authorization"), ex.getRequestHeaders().getFirst("X-Filter"));
        } catch (ApiError e) {
            answer = new Answer(e.status, account.errors(e.field, e.getMessage()));
        } catch (RuntimeException e) {
            answer = new Answer(500, account.errors(null, "Internal simulator error: " + e.getClass().getSimpleName()));
        }
        log.add(new RecordedRequest(now, method, path, query == null ? "" : query, body, answer.status()));
        byte[] out = account.json.writeValueAsBytes(answer.body());
        ex.getResponseHeaders().set("Content-Type", "application/json");
        answer.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        faults.rateLimitHeaders().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        limitHeaders.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(answer.status(), out.length);
        try (var os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    /** Whom the limits count against: the bearer token (a user's), else the client address (public operations). */
    private static String user(HttpExchange ex) {
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        return authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).trim()
                : ex.getRemoteAddress().getAddress().getHostAddress();
    }

    private Answer route(String method, String path, String query, String body, String authorization, String xFilter) {
        String[] seg = path.substring(1).split("/");
        tokens.authorize(authorization, scopeOf(seg), method.equals("GET"));
        ApiRequest request = new ApiRequest(method, seg, params(query), parseBody(body), xFilter);
        synchronized (account.lock) {
            for (ApiArea area : areas) {
                if (area.serves(seg)) {
                    try {
                        return area.handle(request);
                    } finally {
                        if (!method.equals("GET")) enforcement.publishChanges();
                    }
                }
            }
        }
        throw ApiError.notFound();
    }

    /** The OAuth scope area a path needs ({@code domains}, {@code firewall}); other paths do not exist here. */
    private static String scopeOf(String[] path) {
        if (path[0].equals("domains")) {
            return "domains";
        }
        if (FirewallDevicesArea.isFirewallPath(path)) {
            return "firewall";
        }
        throw ApiError.notFound();
    }

    private JsonNode parseBody(String body) {
        if (body == null || body.isBlank()) {
            return account.json.createObjectNode();
        }
        try {
            JsonNode n = account.json.readTree(body);
            if (!n.isObject()) {
                throw new ApiError(400, null, "Request body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new ApiError(400, null, "Invalid JSON");
        }
    }

    private static Map<String, String> params(String q) {
        Map<String, String> out = new HashMap<>();
        if (q == null || q.isEmpty()) {
            return out;
        }
        for (String kv : q.split("&")) {
            int i = kv.indexOf('=');
            String k = URLDecoder.decode(i < 0 ? kv : kv.substring(0, i), StandardCharsets.UTF_8);
            String v = i < 0 ? "" : URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }
}
