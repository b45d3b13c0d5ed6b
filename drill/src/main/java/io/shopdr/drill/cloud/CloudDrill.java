package io.shopdr.drill.cloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.shopdr.agent.dns.DnsProvider;
import io.shopdr.agent.failover.FailoverEvent;
import io.shopdr.agent.firewall.FirewallProvider;
import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.drill.DrillClock;
import io.shopdr.drill.DrillException;
import io.shopdr.drill.DrillPhase;
import io.shopdr.drill.DrillProgress;
import io.shopdr.drill.DrillMeasurements;
import io.shopdr.drill.DrillResult;
import io.shopdr.drill.Figure;
import io.shopdr.drill.LoadGenerator;
import io.shopdr.drill.OrderAttempt;
import io.shopdr.drill.TimelineSample;
import io.shopdr.drill.report.HtmlReport;
import io.shopdr.drill.report.SummaryTable;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.linode.firewall.FirewallRules;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A drill against a deployed stack: the outage is a deny-all Cloud Firewall on the primary region's database and
 * Kubernetes nodes (reversible; what changes is written to an undo plan before anything changes): the database
 * firewall's rules become deny-all and it is attached to the nodes that have no firewall; a node's own firewall
 * (Linode allows one per Linode) gets deny-all rules instead, its rules kept in the plan. The failover
 * controllers in the cloud must notice and move the shop, and the drill measures through the public name with a
 * fresh resolver (JVM DNS cache off) — RTO, acknowledged orders, and which of them the shop no longer knows.
 *
 * <p>The outage clock starts only when the cut is confirmed in effect: every changed firewall reads back deny-all
 * from the API (and is attached where the plan attaches it) <b>and</b> a probe from outside to the primary's ingress
 * gets no answer. Linode applies firewall changes asynchronously, so timing from the API write would count the
 * seconds the primary kept serving. The outage ends with the first order acknowledged by a region other than the
 * cut one (the storefront names its region in its answer; else the address the name resolved to); a drill in which
 * no other region ever acknowledges an order failed: no failover happened.
 * The acting controller's own account (RPO, detection, promotion and DNS-switch times) is read from the
 * {@code _shopdr-event} TXT record it publishes in the shop's zone.
 */
public final class CloudDrill {
    /** Inbound and outbound DROP with no rules: nothing reaches the database, nothing leaves it. */
    public static final FirewallRules DENY_ALL = new FirewallRules("DROP", List.of(), "DROP", List.of());

    private final CloudTarget target;
    private final FirewallProvider firewalls;
    private final DnsProvider dns;
    private final Path undoFile;
    private final String apiUrl;
    private final DrillProgress progress;
    private final Duration steady;
    private final Duration timeout;
    private final Supplier<String> resolver;
    private final Function<String, URI> orderUri;
    private final Function<String, URI> lookupUri;
    private final Function<String, URI> probeUri;
    private final DrillClock clock = new DrillClock();
    private final List<DrillPhase> phases = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private volatile boolean outageInPlace;

    /**
     * @param resolver the address the shop's name resolves to now
     * @param orderUri POST URL for orders given that address; {@code lookupUri} the GET URL prefix for an order id
     * @param probeUri the URL a probe from outside GETs on a region's ingress address: any answer below 500 means
     *                 the region still serves, so the cut is not yet in effect
     */
    public CloudDrill(CloudTarget target, FirewallProvider firewalls, DnsProvider dns, Path undoFile, String apiUrl,
                      DrillProgress progress, Duration steady, Duration timeout, Supplier<String> resolver,
                      Function<String, URI> orderUri, Function<String, URI> lookupUri, Function<String, URI> probeUri) {
        this.target = target;
        this.firewalls = firewalls;
        this.dns = dns;
        this.undoFile = undoFile;
        this.apiUrl = apiUrl;
        this.progress = progress;
        this.steady = steady;
        this.timeout = timeout;
        this.resolver = resolver;
        this.orderUri = orderUri;
        this.lookupUri = lookupUri;
        this.probeUri = probeUri;
    }

    public static Path defaultUndoFile() {
        return Path.of(System.getProperty("java.io.tmpdir"), "shopdr-drill-undo.json");
    }

    /** {@code shopdr drill --stack S}: validates input, runs, prints; returns the exit code. */
    public static int fromCommandLine(String stack, Path projectDir, Path outputs, Path undoFile, String token, String apiUrl,
                                      boolean json, Path reportDir, PrintWriter progressOut, PrintWriter out) {
        if (token == null || token.isBlank()) {
            throw new DrillException("LINODE_TOKEN is not set; export a Linode token with domains and firewall "
                    + "read_write scopes (it is read from the environment only)");
        }
        CloudTarget target = CloudTarget.load(stack, projectDir, outputs);
        if (Files.exists(undoFile)) {
            throw new DrillException("an undo plan from an earlier drill exists at " + undoFile
                    + "; its outage may still be in place — run `shopdr drill --undo` first");
        }
        LinodeClient client = LinodeClient.builder().apiUrl(apiUrl).token(token).build();
        // A fresh resolver: the JVM must not cache the shop's name, or the DNS switch would be invisible to us.
        Security.setProperty("networkaddress.cache.ttl", "0");
        Security.setProperty("networkaddress.cache.negative.ttl", "0");
        Supplier<String> resolver = () -> {
            try {
                return InetAddress.getByName(target.domain()).getHostAddress();
            } catch (Exception e) {
                return null;
            }
        };
        CloudDrill drill = new CloudDrill(target, client, client, undoFile, apiUrl, DrillProgress.printingTo(progressOut),
                Duration.ofSeconds(30), Duration.ofMinutes(10), resolver,
                ip -> URI.create("https://" + target.domain() + "/orders"),
                id -> URI.create("https://" + target.domain() + "/orders/" + id),
                // Traefik answers any request on the NodeBalancer's port 80 (404 for an unknown host) while the
                // region's nodes are reachable; during the cut the NodeBalancer has no backend left.
                ip -> URI.create("http://" + ip + "/"));
        Thread hook = new Thread(drill::undoIfInPlace, "drill-undo-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        DrillResult r;
        try {
            r = drill.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down; the hook undoes
            }
        }
        if (reportDir != null) HtmlReport.write(reportDir, List.of(r), drill.clock.startEpochMs());
        if (json) {
            try {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
            } catch (Exception e) {
                throw new DrillException("could not write the JSON result: " + e.getMessage());
            }
        } else {
            out.print(SummaryTable.render(r));
        }
        out.flush();
        return r.ok() ? 0 : 1;
    }

    /** {@code shopdr drill --undo}: restores what the undo plan recorded and removes the plan. */
    public static int undo(Path undoFile, String token, String apiUrl, PrintWriter out) {
        UndoPlan plan = UndoPlan.read(undoFile);
        if (token == null || token.isBlank()) {
            throw new DrillException("LINODE_TOKEN is not set; the undo needs a token with firewall read_write");
        }
        LinodeClient client = LinodeClient.builder().apiUrl(plan.apiUrl() != null ? plan.apiUrl() : apiUrl).token(token).build();
        undo(plan, client, undoFile);
        out.println("restored the rules of firewall " + plan.firewallId() + " (stack " + plan.stack() + ")"
                + (plan.nodeFirewalls().isEmpty() ? "" : ", of the nodes' firewalls "
                + plan.nodeFirewalls().stream().map(UndoPlan.RulesChange::firewallId).toList())
                + (plan.attachments().isEmpty() ? "" : "; detached it from Linodes "
                + plan.attachments().stream().map(UndoPlan.Attachment::linodeId).toList()));
        out.flush();
        return 0;
    }

    /**
     * Puts back everything the plan lists — detaches the drill's firewall from the nodes, restores the nodes' own
     * firewalls and the database firewall — trying every step even when one fails; the plan is removed only when all
     * succeeded, so {@code shopdr drill --undo} can be repeated.
     */
    static void undo(UndoPlan plan, FirewallProvider firewalls, Path undoFile) {
        List<String> failed = new ArrayList<>();
        for (UndoPlan.Attachment a : plan.attachments()) {
            try {
                for (var d : firewalls.devices(a.firewallId())) {
                    if ("linode".equals(d.entityType()) && d.entityId() == a.linodeId()) firewalls.detachDevice(a.firewallId(), d.id());
                }
            } catch (RuntimeException e) {
                failed.add("detach firewall " + a.firewallId() + " from Linode " + a.linodeId() + ": " + e.getMessage());
            }
        }
        for (UndoPlan.RulesChange c : plan.nodeFirewalls()) {
            try {
                firewalls.replaceRules(c.firewallId(), c.originalRules());
            } catch (RuntimeException e) {
                failed.add("restore the rules of firewall " + c.firewallId() + ": " + e.getMessage());
            }
        }
        try {
            firewalls.replaceRules(plan.firewallId(), plan.originalRules());
        } catch (RuntimeException e) {
            failed.add("restore the rules of firewall " + plan.firewallId() + ": " + e.getMessage());
        }
        if (!failed.isEmpty()) {
            throw new DrillException("undo incomplete (" + String.join("; ", failed) + "); the plan is kept at " + undoFile
                    + " — fix the cause and run `shopdr drill --undo` again");
        }
        try {
            Files.deleteIfExists(undoFile);
        } catch (java.io.IOException e) {
            throw new DrillException("restored firewall " + plan.firewallId() + " but could not delete " + undoFile);
        }
    }

    /**
     * What the outage will change, read before anything changes: the database firewall's rules, and per primary node
     * either its own firewall's rules (to be turned deny-all) or an attachment of the database firewall. Refuses a
     * node firewall that also protects Linodes outside the primary's nodes: a deny-all there would cut them too.
     */
    private UndoPlan plan() {
        long dbFirewall = target.primaryDbFirewallId();
        FirewallRules dbRules = firewalls.rules(dbFirewall);
        java.util.Set<Long> nodes = new java.util.LinkedHashSet<>(target.primaryNodeIds());
        java.util.Map<Long, Long> firewallOfNode = new java.util.HashMap<>();
        java.util.Map<Long, List<Long>> protectedBy = new java.util.HashMap<>();
        if (!nodes.isEmpty()) {
            for (var fw : firewalls.firewalls()) {
                for (var d : firewalls.devices(fw.id())) {
                    if (!"linode".equals(d.entityType())) continue;
                    protectedBy.computeIfAbsent(fw.id(), x -> new ArrayList<>()).add(d.entityId());
                    if (nodes.contains(d.entityId())) firewallOfNode.put(d.entityId(), fw.id());
                }
            }
        }
        List<UndoPlan.RulesChange> changes = new ArrayList<>();
        List<UndoPlan.Attachment> attachments = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (long node : nodes) {
            Long fw = firewallOfNode.get(node);
            if (fw == null) {
                attachments.add(new UndoPlan.Attachment(dbFirewall, node));
            } else if (fw != dbFirewall && seen.add(fw)) {
                List<Long> outside = protectedBy.get(fw).stream().filter(id -> !nodes.contains(id)).toList();
                if (!outside.isEmpty()) {
                    throw new DrillException("node " + node + " of " + target.primaryRegion() + " is protected by firewall " + fw
                            + ", which also protects Linodes " + outside + " outside that region's nodes; a deny-all on it would"
                            + " cut them too — give the region's node pool its own firewall; nothing was changed");
                }
                changes.add(new UndoPlan.RulesChange(fw, firewalls.rules(fw)));
            }
        }
        return new UndoPlan(target.stack(), apiUrl, dbFirewall, dbRules, Instant.now().toString(), changes, attachments);
    }

    private void undoIfInPlace() {
        if (outageInPlace && Files.exists(undoFile)) {
            undo(UndoPlan.read(undoFile), firewalls, undoFile);
            outageInPlace = false;
        }
    }

    public DrillResult run() {
        String standby = target.regions().get(1);
        String standbyIp = target.ingressIps().get(standby);
        LoadGenerator load = new LoadGenerator(clock, resolver, orderUri, 5, 2);
        DrillMeasurements.Builder m = DrillMeasurements.builder().regions(target.regions())
                .rtt(Figure.unknown("not measured against the deployed stack"))
                .noRestore("the cloud drill leaves the switch back to the operator (shopdr failback)");
        long killAt = -1;
        List<TimelineSample> samples = new ArrayList<>();
        try {
            DnsZone zone = phase("read the stack", () -> dns.zone(target.domain()));
            // the event record before the outage: the controller's report is the one that replaces it
            FailoverEvent before = phase("read the controllers' last event", () -> FailoverEvent.in(dns.records(zone)));
            UndoPlan plan = phase("write undo plan", () -> {
                UndoPlan p = plan();
                p.write(undoFile);
                return p;
            });
            load.start();
            phase("steady load", () -> {
                Thread.sleep(steady.toMillis());
                long acked = load.acknowledgedIds().size();
                if (acked == 0) throw new DrillException("no order was acknowledged through " + target.domain() + " before the outage");
                return acked + " orders acknowledged through " + target.domain();
            });
            long[] k = new long[1];
            Instant[] killWall = new Instant[1];
            phase("outage: deny-all firewall on " + target.primaryRegion() + " database and nodes", () -> {
                outageInPlace = true;
                firewalls.replaceRules(plan.firewallId(), DENY_ALL);
                for (UndoPlan.RulesChange c : plan.nodeFirewalls()) firewalls.replaceRules(c.firewallId(), DENY_ALL);
                for (UndoPlan.Attachment a : plan.attachments()) firewalls.attachLinode(a.firewallId(), a.linodeId());
                return "firewall " + plan.firewallId() + " drops all traffic of the database"
                        + (plan.attachments().isEmpty() ? "" : " and of nodes " + plan.attachments().stream().map(UndoPlan.Attachment::linodeId).toList())
                        + (plan.nodeFirewalls().isEmpty() ? "" : "; the nodes' own firewalls "
                        + plan.nodeFirewalls().stream().map(UndoPlan.RulesChange::firewallId).toList() + " drop all traffic")
                        + " (undo plan " + undoFile + ")";
            });
            phase("confirm the cut is in effect", () -> {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (true) {
                    List<String> pending = cutPending(plan);
                    URI probe = probeUri.apply(target.ingressIps().get(target.primaryRegion()));
                    boolean answers = answers(probe);
                    if (pending.isEmpty() && !answers) {
                        k[0] = clock.nowMs();
                        killWall[0] = Instant.now();
                        return "the API reads back deny-all and " + probe + " no longer answers: the outage clock starts";
                    }
                    if (System.nanoTime() > deadline) {
                        if (answers) pending.add(target.primaryRegion() + " still answers at " + probe);
                        throw new DrillException("the cut is not in effect " + timeout.toSeconds() + " s after the "
                                + "firewall changes: " + String.join("; ", pending));
                    }
                    Thread.sleep(250);
                }
            });
            killAt = k[0];
            m.killedAt(killAt);
            long kill = killAt;
            String primaryIp = target.ingressIps().get(target.primaryRegion());
            OrderAttempt recovered = phase("failover", () -> {
                long deadline = System.nanoTime() + timeout.toNanos();
                OrderAttempt first = null;
                while (first == null && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    String a = apex(zone);
                    samples.add(new TimelineSample(clock.nowMs(), java.util.Map.of(), java.util.Map.of(), null, a,
                            java.util.Map.of(), java.util.Map.of()));
                    first = firstServedElsewhere(load, kill, target.primaryRegion(), primaryIp);
                }
                if (first == null) {
                    throw new DrillException("no failover: no region other than " + target.primaryRegion()
                            + " acknowledged an order within " + timeout.toSeconds() + " s of the cut");
                }
                return first;
            });
            // the one client's recovery: its first order another region acknowledged (never the cut region's own)
            m.firstAckAt(OptionalLong.of(recovered.answeredMs()))
                    .clientTimes(Map.of(LoadGenerator.CLIENT_ID, Optional.of(Duration.ofMillis(recovered.answeredMs() - kill))))
                    .commitLatencies(load.acknowledgedLatenciesBefore(kill), "the drill's POST /orders round trips through the shop's name");
            OptionalLong seenSwitched = samples.stream().filter(s -> standbyIp.equals(s.dnsTarget())).mapToLong(TimelineSample::tMs).findFirst();
            m.zoneChangedAt(seenSwitched).controllerSteps(OptionalLong.empty(), OptionalLong.empty(), seenSwitched);
            load.close();
            List<String> acked = load.acknowledgedIds();
            List<String> missing = new ArrayList<>();
            phase("count lost orders", () -> {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                for (String id : acked) {
                    int status = http.send(HttpRequest.newBuilder(lookupUri.apply(id)).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status == 404) missing.add(id);
                    else if (status != 200) throw new DrillException("GET /orders/" + id + " answered " + status);
                }
                return acked.size() + " acknowledged, " + missing.size() + " unknown to the shop now";
            });
            FailoverEvent report = phase("read the controller's report", () -> awaitReport(zone, before));
            m.loss(missing).reportedRpo(report == null ? Figure.unknown("no controller published a completed failover report"
                    + " within " + reportWait().toSeconds() + " s") : report.rpoTransactions() == null
                    ? Figure.unknown("the controller reported the RPO as unknown") : Figure.of(report.rpoTransactions()),
                    "the controller at the failover");
            if (report != null) {
                OptionalLong switched = atDrillMs(kill, killWall[0], report.dnsSwitchedInstant());
                m.controllerSteps(atDrillMs(kill, killWall[0], report.detectedInstant()),
                        atDrillMs(kill, killWall[0], report.promotedInstant()), switched.isPresent() ? switched : seenSwitched);
            }
        } catch (StepFailed e) {
            problems.add(e.getMessage());
        } finally {
            load.close();
            if (outageInPlace) {
                long t = clock.nowMs();
                progress.phaseStarted("undo outage", t);
                try {
                    undoIfInPlace();
                    record(new DrillPhase("undo outage", t, clock.nowMs(), true, "original firewall rules restored, drill firewall detached from the nodes"));
                } catch (RuntimeException e) {
                    record(new DrillPhase("undo outage", t, clock.nowMs(), false, e.getMessage()
                            + " — run `shopdr drill --undo`"));
                    problems.add("the outage could not be undone: run `shopdr drill --undo`");
                }
            }
        }
        m.ackedOrders(load.acknowledgedIds().size());
        if (killAt >= 0 && load.firstAckAfter(killAt).isPresent()) {
            // The deployed controllers own the switch back (an operator command).
            progress.note("the shop now serves from " + standby + "; switch back when ready with `shopdr failback --to "
                    + target.primaryRegion() + "`", clock.nowMs());
        }
        return DrillResult.builder().mode("cloud").replication("as deployed").dns("Linode DNS (" + target.domain() + ")")
                .seed(0).measurements(m.build()).phases(phases).problems(problems)
                .traces(new DrillResult.DrillTraces(samples, load.attempts(), List.of(), 0))
                .ingressIps(target.regions().stream().map(r -> target.ingressIps().get(r)).toList()).build();
    }

    /**
     * Waits (bounded) for the completed failover of the primary that the acting controller publishes after its DNS
     * switch; a different record than {@code before}. Null when none appears: the report then says "unknown".
     */
    private FailoverEvent awaitReport(DnsZone zone, FailoverEvent before) throws InterruptedException {
        long deadline = System.nanoTime() + reportWait().toNanos();
        while (true) {
            try {
                FailoverEvent e = FailoverEvent.in(dns.records(zone));
                if (e != null && !e.equals(before) && FailoverEvent.FAILOVER.equals(e.kind())
                        && FailoverEvent.DONE.equals(e.phase()) && target.primaryRegion().equals(e.from())) {
                    progress.note("controller " + e.by() + " reports: promoted " + e.to() + ", RPO "
                            + (e.rpoTransactions() == null ? "unknown" : e.rpoTransactions() + " transaction(s)"), clock.nowMs());
                    return e;
                }
            } catch (RuntimeException e) {
                // API hiccup: try again until the deadline
            }
            if (System.nanoTime() > deadline) {
                problems.add("no controller published the outcome of the failover in " + FailoverEvent.RECORD_NAME
                        + " within " + reportWait().toSeconds() + " s; RPO unknown (are the deployed controllers current?)");
                return null;
            }
            Thread.sleep(500);
        }
    }

    private Duration reportWait() {
        return timeout.compareTo(Duration.ofSeconds(60)) < 0 ? timeout : Duration.ofSeconds(60);
    }

    /** A controller's timestamp on the drill's clock (the controller's clock: NTP-synced, not exact). */
    private static OptionalLong atDrillMs(long killMs, Instant killWall, Instant at) {
        return killWall == null || at == null ? OptionalLong.empty()
                : OptionalLong.of(killMs + Math.max(0, at.toEpochMilli() - killWall.toEpochMilli()));
    }

    private String apex(DnsZone zone) {
        try {
            for (DnsRecord r : dns.records(zone)) if ("A".equals(r.type()) && r.name().isEmpty()) return r.target();
        } catch (RuntimeException e) {
            // API hiccup: no sample point
        }
        return null;
    }

    /**
     * The first order sent after the cut and acknowledged by a region other than the cut one: by the region its answer
     * names, else by the address the shop's name resolved to. Null when there is none yet.
     */
    private static OrderAttempt firstServedElsewhere(LoadGenerator load, long from, String cutRegion, String cutIp) {
        return load.attempts().stream()
                .filter(a -> a.acknowledged() && a.sentMs() >= from)
                .filter(a -> a.servedBy() != null ? !a.servedBy().equals(cutRegion) : a.target() != null && !a.target().equals(cutIp))
                .min(java.util.Comparator.comparingLong(OrderAttempt::answeredMs)).orElse(null);
    }

    /** What of the planned cut the Linode API does not (yet) read back: rules not deny-all, attachments missing. */
    private List<String> cutPending(UndoPlan plan) {
        List<String> pending = new ArrayList<>();
        List<Long> changed = new ArrayList<>(List.of(plan.firewallId()));
        plan.nodeFirewalls().forEach(c -> changed.add(c.firewallId()));
        for (long fw : changed) {
            if (!DENY_ALL.equals(firewalls.rules(fw))) pending.add("firewall " + fw + " does not read back deny-all");
        }
        for (UndoPlan.Attachment a : plan.attachments()) {
            boolean attached = firewalls.devices(a.firewallId()).stream()
                    .anyMatch(d -> "linode".equals(d.entityType()) && d.entityId() == a.linodeId());
            if (!attached) pending.add("firewall " + a.firewallId() + " is not attached to Linode " + a.linodeId());
        }
        return pending;
    }

    /** Whether a probe from outside gets an answer below 500 from {@code uri} within a few seconds. */
    private static boolean answers(URI uri) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() < 500;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws Exception;
    }

    private static final class StepFailed extends Exception {
        StepFailed(String m) {
            super(m);
        }
    }

    private <T> T phase(String name, Step<T> step) throws StepFailed {
        long start = clock.nowMs();
        progress.phaseStarted(name, start);
        try {
            T v = step.run();
            record(new DrillPhase(name, start, clock.nowMs(), true, v instanceof String s ? s : ""));
            return v;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record(new DrillPhase(name, start, clock.nowMs(), false, "interrupted"));
            throw new StepFailed(name + ": interrupted");
        } catch (Exception e) {
            record(new DrillPhase(name, start, clock.nowMs(), false, e.getMessage()));
            throw new StepFailed(name + " failed: " + e.getMessage());
        }
    }

    private void record(DrillPhase p) {
        phases.add(p);
        progress.phaseFinished(p);
    }
}
