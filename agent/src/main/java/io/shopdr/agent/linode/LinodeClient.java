package io.shopdr.agent.linode;

import io.shopdr.agent.BuildInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopdr.agent.dns.DnsProvider;
import io.shopdr.agent.firewall.FirewallProvider;
import io.shopdr.agent.linode.LinodeApiException;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.linode.firewall.Firewall;
import io.shopdr.linode.firewall.FirewallDevice;
import io.shopdr.linode.firewall.FirewallRule;
import io.shopdr.linode.firewall.FirewallRules;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Linode API v4 client for DNS (domains and records) and Cloud Firewalls, on the JDK HttpClient and Jackson. It
 * retries 429 and 5xx answers with exponential backoff and jitter (honouring {@code Retry-After}) within a bounded
 * {@link RetryPolicy}, turns 401/403/404 into messages an operator can act on, and never puts the token in a log
 * line, an exception message or {@link #toString()}. Every request it sends is valid against Linode's OpenAPI
 * description (held by the Prism contract tests); the same class talks to {@code LinodeApiSimulator} in drills.
 * A POST (create) is retried only when Linode answered 429/5xx or the connection was refused, never after a timeout
 * (it may have been applied); a create that Linode applied but answered with a 5xx can leave a duplicate record,
 * which {@link io.shopdr.agent.dns.DnsRecordSwitch} collapses on its next switch.
 */
public final class LinodeClient implements DnsProvider, FirewallProvider {

    /** Linode's production API. */
    public static final URI DEFAULT_API_URL = URI.create("https://api.linode.com/v4");

    private static final Logger LOG = LoggerFactory.getLogger(LinodeClient.class);
    private static final Pattern FIREWALL_LABEL = Pattern.compile("^[a-zA-Z]((?!--|__|\\.\\.)[a-zA-Z0-9-_.])+$");
    private static final List<String> ACTIONS = List.of("ACCEPT", "DROP");
    private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "ICMP", "IPENCAP");
    private static final String DOMAINS_SCOPE = "domains:read_write";
    private static final String FIREWALL_SCOPE = "firewall:read_write";

    private final String baseUrl;
    private final String token;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final int pageSize;
    private final ObjectMapper json = new ObjectMapper();

    private LinodeClient(Builder b) {
        this.baseUrl = stripTrailingSlash(b.apiUrl.toString());
        this.token = b.token;
        this.requestTimeout = b.requestTimeout;
        this.retry = b.retryPolicy;
        this.pageSize = b.pageSize;
        this.http = HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Starts a client description; {@link Builder#token(String)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The API base URL this client talks to (never the token). */
    public URI apiUrl() {
        return URI.create(baseUrl);
    }

    @Override
    public String toString() {
        return "LinodeClient[" + baseUrl + "]";
    }

    // ---------------------------------------------------------------------------------------------- DNS

    @Override
    public DnsZone zone(String domain) {
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("zone: the domain name is empty; pass the shop's zone, e.g. shop.example.com");
        }
        String wanted = stripTrailingDot(domain.trim()).toLowerCase(Locale.ROOT);
        ObjectNode filter = json.createObjectNode().put("domain", wanted);
        Call call = Call.get("/domains", DOMAINS_SCOPE, "zone not found: " + wanted)
                .header("X-Filter", filter.toString());
        for (JsonNode d : pages(call)) {
            if (wanted.equalsIgnoreCase(stripTrailingDot(d.path("domain").asText()))) {
                return new DnsZone(d.path("id").asLong(), d.path("domain").asText());
            }
        }
        throw new LinodeApiException(404, "zone not found: " + wanted
                + " (no Linode DNS zone of that name is visible to this token; check the name or create the zone)");
    }

    @Override
    public List<DnsRecord> records(DnsZone zone) {
        Call call = Call.get("/domains/" + zone.id() + "/records", DOMAINS_SCOPE, zoneNotFound(zone));
        List<DnsRecord> out = new ArrayList<>();
        for (JsonNode r : pages(call)) {
            out.add(toRecord(r));
        }
        return out;
    }

    @Override
    public DnsRecord create(DnsZone zone, DnsRecord record) {
        Objects.requireNonNull(record, "record");
        if (record.type() == null || record.type().isBlank()) {
            throw new IllegalArgumentException("record type is empty; use A, AAAA, CNAME, TXT, …");
        }
        ObjectNode body = json.createObjectNode();
        body.put("type", record.type().toUpperCase(Locale.ROOT));
        putRecordFields(body, record);
        JsonNode created = send(Call.of("POST", "/domains/" + zone.id() + "/records", DOMAINS_SCOPE,
                zoneNotFound(zone)).body(body));
        return toRecord(created);
    }

    @Override
    public DnsRecord update(DnsZone zone, DnsRecord record) {
        Objects.requireNonNull(record, "record");
        if (record.id() <= 0) {
            throw new IllegalArgumentException("update needs the record id (create the record first, or list the zone"
                    + " to find it); got " + record.id());
        }
        // PUT never carries `type`: Linode cannot change a record's type (and the API schema forbids the field).
        ObjectNode body = json.createObjectNode();
        putRecordFields(body, record);
        JsonNode updated = send(Call.of("PUT", "/domains/" + zone.id() + "/records/" + record.id(), DOMAINS_SCOPE,
                "record not found: " + record.id() + " in zone " + zone.domain()).body(body));
        return toRecord(updated);
    }

    @Override
    public void delete(DnsZone zone, long recordId) {
        send(Call.of("DELETE", "/domains/" + zone.id() + "/records/" + recordId, DOMAINS_SCOPE,
                "record not found: " + recordId + " in zone " + zone.domain()));
    }

    private void putRecordFields(ObjectNode body, DnsRecord record) {
        // The apex is the empty name; the schema wants a non-empty name when present, so the apex omits it.
        if (record.name() != null && !record.name().isEmpty()) {
            body.put("name", record.name());
        }
        if (record.target() != null) {
            body.put("target", record.target());
        }
        if (record.ttlSec() < 0) {
            throw new IllegalArgumentException("record ttl_sec must be >= 0 (0 = the zone's default), got " + record.ttlSec());
        }
        body.put("ttl_sec", record.ttlSec());
    }

    private static DnsRecord toRecord(JsonNode r) {
        return new DnsRecord(r.path("id").asLong(), r.path("type").asText(), r.path("name").asText(""),
                r.path("target").asText(""), r.path("ttl_sec").asInt());
    }

    private static String zoneNotFound(DnsZone zone) {
        return "zone not found: " + zone.domain() + " (id " + zone.id() + ")";
    }

    // ---------------------------------------------------------------------------------------------- firewalls

    @Override
    public FirewallRules rules(long firewallId) {
        return toRules(send(Call.get(firewallPath(firewallId) + "/rules", FIREWALL_SCOPE, firewallNotFound(firewallId))));
    }

    @Override
    public FirewallRules replaceRules(long firewallId, FirewallRules rules) {
        JsonNode stored = send(Call.of("PUT", firewallPath(firewallId) + "/rules", FIREWALL_SCOPE,
                firewallNotFound(firewallId)).body(rulesJson(rules)));
        return toRules(stored);
    }

    @Override
    public List<Firewall> firewalls() {
        List<Firewall> out = new ArrayList<>();
        for (JsonNode f : pages(Call.get("/networking/firewalls", FIREWALL_SCOPE, "firewalls not found"))) {
            out.add(toFirewall(f));
        }
        return out;
    }

    @Override
    public Firewall firewall(long firewallId) {
        return toFirewall(send(Call.get(firewallPath(firewallId), FIREWALL_SCOPE, firewallNotFound(firewallId))));
    }

    @Override
    public Firewall createFirewall(String label, FirewallRules rules) {
        if (label == null || label.length() < 3 || label.length() > 32 || !FIREWALL_LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("firewall label '" + label + "' is invalid: use 3–32 characters, start"
                    + " with a letter, then letters, digits, '-', '_' or '.', no '--', '__' or '..'");
        }
        ObjectNode body = json.createObjectNode();
        body.put("label", label);
        body.set("rules", rulesJson(rules));
        return toFirewall(send(Call.of("POST", "/networking/firewalls", FIREWALL_SCOPE, "firewalls not found").body(body)));
    }

    @Override
    public void deleteFirewall(long firewallId) {
        send(Call.of("DELETE", firewallPath(firewallId), FIREWALL_SCOPE, firewallNotFound(firewallId)));
    }

    @Override
    public List<FirewallDevice> devices(long firewallId) {
        List<FirewallDevice> out = new ArrayList<>();
        for (JsonNode d : pages(Call.get(firewallPath(firewallId) + "/devices", FIREWALL_SCOPE,
                firewallNotFound(firewallId)))) {
            out.add(toDevice(d));
        }
        return out;
    }

    @Override
    public FirewallDevice attachLinode(long firewallId, long linodeId) {
        ObjectNode body = json.createObjectNode().put("id", linodeId).put("type", "linode");
        return toDevice(send(Call.of("POST", firewallPath(firewallId) + "/devices", FIREWALL_SCOPE,
                firewallNotFound(firewallId) + " (or Linode instance " + linodeId + " not found)").body(body)));
    }

    @Override
    public void detachDevice(long firewallId, long deviceId) {
        send(Call.of("DELETE", firewallPath(firewallId) + "/devices/" + deviceId, FIREWALL_SCOPE,
                "firewall device not found: " + deviceId + " on firewall " + firewallId));
    }

    private static String firewallPath(long firewallId) {
        return "/networking/firewalls/" + firewallId;
    }

    private static String firewallNotFound(long firewallId) {
        return "firewall not found: " + firewallId;
    }

    private ObjectNode rulesJson(FirewallRules rules) {
        Objects.requireNonNull(rules, "rules");
        ObjectNode body = json.createObjectNode();
        body.put("inbound_policy", policy("inbound_policy", rules.inboundPolicy()));
        body.set("inbound", rulesArray("inbound", rules.inbound()));
        body.put("outbound_policy", policy("outbound_policy", rules.outboundPolicy()));
        body.set("outbound", rulesArray("outbound", rules.outbound()));
        return body;
    }

    private static String policy(String field, String value) {
        String v = value == null ? "" : value.toUpperCase(Locale.ROOT);
        if (!ACTIONS.contains(v)) {
            throw new IllegalArgumentException("firewall " + field + " must be ACCEPT or DROP, got '" + value + "'");
        }
        return v;
    }

    private ArrayNode rulesArray(String direction, List<FirewallRule> rules) {
        ArrayNode out = json.createArrayNode();
        for (int i = 0; i < rules.size(); i++) {
            FirewallRule rule = rules.get(i);
            String field = direction + "[" + i + "]";
            ObjectNode r = out.addObject();
            r.put("action", policy(field + ".action", rule.action()));
            String protocol = rule.protocol() == null ? "" : rule.protocol().toUpperCase(Locale.ROOT);
            if (!PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException("firewall " + field + ".protocol must be one of " + PROTOCOLS
                        + ", got '" + rule.protocol() + "'");
            }
            r.put("protocol", protocol);
            if (rule.label() != null) {
                if (rule.label().length() < 3 || rule.label().length() > 32) {
                    throw new IllegalArgumentException("firewall " + field + ".label must be 3–32 characters, got '"
                            + rule.label() + "'");
                }
                r.put("label", rule.label());
            }
            if (rule.ports() != null && !rule.ports().isBlank()) {
                if (protocol.equals("ICMP") || protocol.equals("IPENCAP")) {
                    throw new IllegalArgumentException("firewall " + field + ".ports is only allowed for TCP and UDP;"
                            + " remove the ports of the " + protocol + " rule");
                }
                r.put("ports", rule.ports());
            }
            if (rule.ipv4().isEmpty() && rule.ipv6().isEmpty()) {
                throw new IllegalArgumentException("firewall " + field + " has no addresses: give ipv4 and/or ipv6"
                        + " CIDRs (0.0.0.0/0 and ::/0 for everyone)");
            }
            ObjectNode addresses = r.putObject("addresses");
            if (!rule.ipv4().isEmpty()) {
                rule.ipv4().forEach(addresses.putArray("ipv4")::add);
            }
            if (!rule.ipv6().isEmpty()) {
                rule.ipv6().forEach(addresses.putArray("ipv6")::add);
            }
        }
        return out;
    }

    private static FirewallRules toRules(JsonNode r) {
        return new FirewallRules(r.path("inbound_policy").asText(), toRuleList(r.path("inbound")),
                r.path("outbound_policy").asText(), toRuleList(r.path("outbound")));
    }

    private static List<FirewallRule> toRuleList(JsonNode array) {
        List<FirewallRule> out = new ArrayList<>();
        for (JsonNode r : array) {
            out.add(new FirewallRule(textOrNull(r.get("label")), r.path("action").asText(), r.path("protocol").asText(),
                    blankToNull(textOrNull(r.get("ports"))), strings(r.path("addresses").path("ipv4")),
                    strings(r.path("addresses").path("ipv6"))));
        }
        return out;
    }

    private static Firewall toFirewall(JsonNode f) {
        return new Firewall(f.path("id").asLong(), f.path("label").asText(), f.path("status").asText(),
                toRules(f.path("rules")));
    }

    private static FirewallDevice toDevice(JsonNode d) {
        JsonNode e = d.path("entity");
        return new FirewallDevice(d.path("id").asLong(), e.path("id").asLong(), e.path("type").asText(),
                textOrNull(e.get("label")));
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    // ---------------------------------------------------------------------------------------------- HTTP

    /** One API call: method, path below the base URL, the scope a 403 names, what a 404 means, optional body. */
    private record Call(String method, String path, String scope, String notFound, JsonNode body,
                        List<String[]> headers, String query) {
        static Call of(String method, String path, String scope, String notFound) {
            return new Call(method, path, scope, notFound, null, List.of(), "");
        }

        static Call get(String path, String scope, String notFound) {
            return of("GET", path, scope, notFound);
        }

        Call body(JsonNode newBody) {
            return new Call(method, path, scope, notFound, newBody, headers, query);
        }

        Call header(String name, String value) {
            List<String[]> h = new ArrayList<>(headers);
            h.add(new String[] {name, value});
            return new Call(method, path, scope, notFound, body, List.copyOf(h), query);
        }

        Call query(String newQuery) {
            return new Call(method, path, scope, notFound, body, headers, newQuery);
        }

        boolean idempotent() {
            return !method.equals("POST");
        }

        String describe() {
            return method + " " + path;
        }
    }

    /** Every item of a paginated collection, page after page ({@code ?page=N&page_size=M}). */
    private List<JsonNode> pages(Call call) {
        List<JsonNode> items = new ArrayList<>();
        int page = 1;
        int pages;
        do {
            JsonNode body = send(call.query("page=" + page + "&page_size=" + pageSize));
            body.path("data").forEach(items::add);
            pages = Math.max(1, body.path("pages").asInt(1));
            page++;
        } while (page <= pages);
        return items;
    }

    private JsonNode send(Call call) {
        HttpRequest request = buildRequest(call);
        long start = System.nanoTime();
        long deadline = start + retry.budget().toNanos();
        String lastFailure;
        int lastStatus;
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return parse(response.body(), call);
                }
                if (status != 429 && status < 500) {
                    throw error(status, response.body(), call);
                }
                LinodeApiMetrics.ERROR_RESPONSES.labelValues(String.valueOf(status)).inc();
                lastStatus = status;
                lastFailure = status == 429 ? "429 Too Many Requests (rate limit)" : status + " " + reasons(response.body());
                Optional<Duration> retryAfter = retryAfter(response);
                int tries = attempt;
                wait = retryAfter.map(d -> d.plus(jitter(Duration.ofMillis(250))))
                        .orElseGet(() -> backoff(tries));
                if (retryAfter.isPresent() && System.nanoTime() + retryAfter.get().toNanos() > deadline) {
                    throw new LinodeApiException(status, "Linode API answered " + lastFailure + " to " + call.describe()
                            + " and asks to retry after " + retryAfter.get().toSeconds() + " s, beyond the retry budget of "
                            + retry.budget().toSeconds() + " s (after " + attempt + " attempt(s)); try again later or"
                            + " raise the budget");
                }
            } catch (HttpTimeoutException e) {
                lastStatus = 0;
                lastFailure = "no answer within " + requestTimeout.toMillis() + " ms";
                if (!call.idempotent()) {
                    throw new LinodeApiException(0, "Linode API at " + host() + ": " + lastFailure + " to " + call.describe()
                            + "; not retried because the request may have been applied: list the zone before retrying");
                }
                wait = backoff(attempt);
            } catch (IOException e) {
                lastStatus = 0;
                lastFailure = "cannot reach " + host() + " (" + e.getClass().getSimpleName() + ")";
                if (!call.idempotent() && !(e instanceof java.net.ConnectException)) {
                    throw new LinodeApiException(0, "Linode API " + lastFailure + " during " + call.describe()
                            + "; not retried because the request may have been applied: list the zone before retrying");
                }
                wait = backoff(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LinodeApiException(0, "interrupted while calling Linode API " + call.describe());
            }
            long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
            if (attempt >= retry.maxAttempts() || System.nanoTime() + wait.toNanos() > deadline) {
                throw new LinodeApiException(lastStatus, "Linode API: " + lastFailure + " for " + call.describe()
                        + "; gave up after " + attempt + " attempt(s) in " + elapsedMs + " ms (retry budget "
                        + retry.budget().toMillis() + " ms, at most " + retry.maxAttempts() + " attempts)");
            }
            LOG.warn("Linode API: {} for {}; retrying in {} ms (attempt {} of {})",
                    lastFailure, call.describe(), wait.toMillis(), attempt + 1, retry.maxAttempts());
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LinodeApiException(0, "interrupted while waiting to retry Linode API " + call.describe());
            }
        }
    }

    private HttpRequest buildRequest(Call call) {
        String url = baseUrl + call.path() + (call.query().isEmpty() ? "" : "?" + call.query());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("User-Agent", "shopdr/" + BuildInfo.version());
        for (String[] h : call.headers()) {
            b.header(h[0], h[1]);
        }
        if (call.body() != null) {
            b.header("Content-Type", "application/json");
            b.method(call.method(), HttpRequest.BodyPublishers.ofString(call.body().toString(), StandardCharsets.UTF_8));
        } else {
            b.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    private JsonNode parse(String body, Call call) {
        if (body == null || body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new LinodeApiException(0, "Linode API answered " + call.describe() + " with a body that is not JSON ("
                    + e.getOriginalMessage() + "); is --api-url pointing at the Linode API?");
        }
    }

    private LinodeApiException error(int status, String body, Call call) {
        String reasons = reasons(body);
        return switch (status) {
            case 401 -> new LinodeApiException(401, "Linode API rejected the token: token invalid or expired (" + call.describe()
                    + "); create a new personal access token and set LINODE_TOKEN");
            case 403 -> new LinodeApiException(403, "Linode API refused " + call.describe() + ": token lacks " + call.scope()
                    + "; create a token with the " + call.scope() + " scope");
            case 404 -> new LinodeApiException(404, call.notFound());
            default -> new LinodeApiException(status, "Linode API answered " + status + " to " + call.describe()
                    + (reasons.isEmpty() ? "" : ": " + reasons));
        };
    }

    /** Linode's {@code {"errors":[{"field":…,"reason":…}]}} as "field: reason; reason". */
    private String reasons(String body) {
        try {
            JsonNode errors = json.readTree(body == null ? "" : body).path("errors");
            List<String> out = new ArrayList<>();
            for (JsonNode e : errors) {
                String field = textOrNull(e.get("field"));
                out.add((field == null ? "" : field + ": ") + e.path("reason").asText());
            }
            return String.join("; ", out);
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            String value = v.trim();
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                    return Optional.of(d.isNegative() ? Duration.ZERO : d);
                } catch (DateTimeParseException unparseable) {
                    return Optional.empty();
                }
            }
        });
    }

    /** Exponential backoff with "equal jitter": half the step fixed, half random, capped at maxBackoff. */
    private Duration backoff(int attempt) {
        long base = retry.initialBackoff().toMillis();
        long step = Math.min(retry.maxBackoff().toMillis(), base << Math.min(attempt - 1, 20));
        long half = step / 2;
        return Duration.ofMillis(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
    }

    private static Duration jitter(Duration max) {
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(max.toMillis() + 1));
    }

    private String host() {
        return URI.create(baseUrl).getAuthority();
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String stripTrailingDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Describes a {@link LinodeClient}; every setting has a default except the token. */
    public static final class Builder {
        private URI apiUrl = DEFAULT_API_URL;
        private String token;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(15);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private int pageSize = 500;

        private Builder() {}

        /** API base URL including the version, e.g. {@code https://api.linode.com/v4}. @default Linode's API */
        public Builder apiUrl(URI url) {
            Objects.requireNonNull(url, "apiUrl");
            if (url.getRawUserInfo() != null) {
                // credentials in the URL would reach toString, error messages and log lines; and the API ignores them
                throw new IllegalArgumentException("--api-url must not carry user:password@ (the token comes from"
                        + " LINODE_TOKEN); use e.g. " + DEFAULT_API_URL);
            }
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
                throw new IllegalArgumentException("--api-url '" + url + "' is not an http(s) URL; use e.g. "
                        + DEFAULT_API_URL);
            }
            this.apiUrl = url;
            return this;
        }

        /** API base URL as text. */
        public Builder apiUrl(String url) {
            try {
                return apiUrl(URI.create(url.trim()));
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("--api-url")) {
                    throw e;
                }
                throw new IllegalArgumentException("--api-url '" + url + "' is not a valid URL; use e.g. " + DEFAULT_API_URL);
            }
        }

        /** Personal access token (sent as {@code Authorization: Bearer}; never logged). Required. */
        public Builder token(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("Linode token is empty; set LINODE_TOKEN to a personal access token"
                        + " with the domains:read_write (and, for fencing, firewall:read_write) scope");
            }
            String t = value.strip();
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c <= ' ' || c == 0x7f) {
                    throw new IllegalArgumentException("Linode token contains whitespace or control characters"
                            + " (position " + i + "); copy the token again without line breaks");
                }
            }
            this.token = t;
            return this;
        }

        /** TCP connect timeout. @default 5 s */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /** Timeout of one request, from sending to the complete answer. @default 15 s */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive("requestTimeout", timeout);
            return this;
        }

        /** Retries of 429/5xx answers. @default {@link RetryPolicy#defaults()} */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /** Items per page when listing (Linode allows 25–500). @default 500, the fewest requests */
        public Builder pageSize(int size) {
            if (size < 25 || size > 500) {
                throw new IllegalArgumentException("pageSize must be between 25 and 500 (Linode's limits), got " + size);
            }
            this.pageSize = size;
            return this;
        }

        public LinodeClient build() {
            if (token == null) {
                throw new IllegalArgumentException("Linode token is missing; set LINODE_TOKEN to a personal access"
                        + " token with the domains:read_write (and, for fencing, firewall:read_write) scope");
            }
            return new LinodeClient(this);
        }

        private static Duration positive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }

        @Override
        public String toString() {
            return "LinodeClient.Builder[" + apiUrl + "]";
        }
    }
}
