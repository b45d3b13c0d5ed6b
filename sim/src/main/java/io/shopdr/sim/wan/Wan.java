package io.shopdr.sim.wan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The emulated WAN: regions with loopback addresses, a directed link for every ordered pair of regions (profile
 * from an {@link RttTable}), relays in front of servers, firewalls per host, cuts per direction.
 *
 * <p>How clients say where they are: a client in region A binds its socket to A's address before connecting
 * (Connector/J: the connection property {@code localSocketAddress}, see {@link RegionAddresses#addressOf}; other
 * socket code: {@link RegionBoundSocketFactory}). A client that cannot bind — the JDK {@code HttpClient} has no
 * local-address option — gets a relay pinned to its region ({@link #exposeFor}): every connection through that
 * port counts as coming from that region. A process that cannot be told either (mariadbd's replication IO thread
 * connects from 127.0.0.1) is treated as coming from the target's assumed loopback source region
 * ({@link #assumeLoopbackSource}); without one, as coming from the target's own region. Only 127.0.0.1 is read so:
 * any other address that is no region's (127.0.0.2, say) is outside the WAN and judged by the firewall as itself,
 * so it is dropped unless a rule names it.
 *
 * <p>What differs from production, by construction: the client's {@code connect()} returns at once (the relay's
 * kernel completes the handshake); the server side opens three one-way delays later. A new connection across a
 * cut or one the firewall DROPs stays silent for a SYN retransmission (1 s) and is then reset unless the cut healed
 * or the firewall admits it by then, where production's connect would wait for its connect timeout
 * ({@link Relay#SYN_RETRY}). Firewall rules are judged when a connection opens, and a changed firewall
 * ({@link #firewall(String, InboundFirewall)}) judges only connections opened after the change: established flows
 * keep flowing. Linode documents Cloud Firewalls as stateful but not what a rule change does to a flow already
 * established, so the twin keeps it — the harsher choice for a fence, which then never stops a session production
 * might: what stops an old primary's existing sessions is the controllers' SQL fence and the self-fence. The nemesis
 * cuts links, not rules, to stop established connections.
 */
public final class Wan implements AutoCloseable {
    private final RegionAddresses addresses;
    private final Map<String, DirectedLink> links = new ConcurrentHashMap<>();
    private final Map<String, InboundFirewall> firewalls = new ConcurrentHashMap<>();
    private final Map<String, String> loopbackSources = new ConcurrentHashMap<>();
    private final List<Relay> relays = new CopyOnWriteArrayList<>();
    private final List<Consumer<WanEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;

    private Wan(RegionAddresses addresses, RttTable rtt, long seed, Clock clock) {
        this.addresses = addresses;
        this.clock = clock;
        int i = 0;
        for (String from : addresses.regions()) {
            for (String to : addresses.regions()) {
                LinkProfile profile = from.equals(to) ? LinkProfile.SAME_REGION : LinkProfile.ofRtt(rtt.rtt(from, to).rtt());
                links.put(key(from, to), new DirectedLink(from, to, profile, seed + 31L * i++));
            }
        }
    }

    /**
     * A WAN between {@code regions} with the given round-trip times.
     *
     * @param regions the regions in a fixed order (addresses follow it)
     * @param rtt     the round-trip table ({@link RttTable#linode()}, or {@link RttTable#uniform} for {@code --rtt})
     * @param seed    seeds the jitter, so a run can be repeated
     */
    public static Wan start(List<String> regions, RttTable rtt, long seed) {
        return new Wan(RegionAddresses.of(regions), Objects.requireNonNull(rtt, "rtt"), seed, Clock.systemUTC());
    }

    /** The regions' addresses. */
    public RegionAddresses addresses() {
        return addresses;
    }

    /**
     * Puts a relay on {@code region}'s address in front of the server at {@code server}.
     *
     * @param host a name for the server (firewalls are attached to hosts), e.g. {@code db-us-east}
     */
    public Relay expose(String host, String region, InetSocketAddress server) {
        return relay(host, region, server, Optional.empty());
    }

    /**
     * A relay in front of {@code server} whose every connection counts as coming from {@code sourceRegion}: for
     * clients that cannot bind a local address (the JDK {@code HttpClient}); give each such client the relay of
     * its own region.
     */
    public Relay exposeFor(String sourceRegion, String host, String region, InetSocketAddress server) {
        addresses.addressOf(sourceRegion);
        return relay(host, region, server, Optional.of(sourceRegion));
    }

    private Relay relay(String host, String region, InetSocketAddress server, Optional<String> pinned) {
        addresses.addressOf(region);
        try {
            Relay relay = new Relay(this, host, region, server, pinned);
            relays.add(relay);
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for host " + host + " on " + addresses.addressOf(region), e);
        }
    }

    /** Attaches (replaces) {@code host}'s inbound firewall; applies to connections opened from now on. */
    public void firewall(String host, InboundFirewall firewall) {
        firewalls.put(host, Objects.requireNonNull(firewall, "firewall"));
    }

    /** The firewall attached to {@code host}, {@link InboundFirewall#NONE} when none is. */
    public InboundFirewall firewall(String host) {
        return firewalls.getOrDefault(host, InboundFirewall.NONE);
    }

    /**
     * Connections to {@code host} from 127.0.0.1 (a process that cannot bind) count as coming from
     * {@code sourceRegion}: with two regions this is exact for replication; with three or more it is the
     * documented approximation (one assumed source per target).
     */
    public void assumeLoopbackSource(String host, String sourceRegion) {
        addresses.addressOf(sourceRegion);
        loopbackSources.put(host, sourceRegion);
    }

    String loopbackSource(String host, String targetRegion) {
        return loopbackSources.getOrDefault(host, targetRegion);
    }

    /** Changes the profile of the link {@code from} → {@code to} (e.g. the nemesis slowing a link down). */
    public void profile(String from, String to, LinkProfile profile) {
        link(from, to).profile(Objects.requireNonNull(profile, "profile"));
    }

    /** The current profile of the link {@code from} → {@code to}. */
    public LinkProfile profile(String from, String to) {
        return link(from, to).profile();
    }

    /** Stops bytes from {@code from} to {@code to}; new and established connections hang, nothing is reset. */
    public void cut(String from, String to) {
        if (link(from, to).cut(true)) {
            emit(WanEvent.Kind.LINK_CUT, from, to, "");
        }
    }

    /** Lets bytes flow from {@code from} to {@code to} again; what waited is delivered. */
    public void heal(String from, String to) {
        if (link(from, to).cut(false)) {
            emit(WanEvent.Kind.LINK_HEALED, from, to, "");
        }
    }

    /** Cuts both directions between {@code a} and {@code b}. */
    public void partition(String a, String b) {
        cut(a, b);
        cut(b, a);
    }

    /** Cuts {@code region} off from every other region, both directions. */
    public void isolate(String region) {
        addresses.regions().stream().filter(r -> !r.equals(region)).forEach(r -> partition(region, r));
    }

    /** Heals every link. */
    public void healAll() {
        for (String from : addresses.regions()) {
            for (String to : addresses.regions()) {
                heal(from, to);
            }
        }
    }

    /** Whether the link {@code from} → {@code to} is cut. */
    public boolean isCut(String from, String to) {
        return link(from, to).isCut();
    }

    /** The counters of the link {@code from} → {@code to}. */
    public LinkCounters counters(String from, String to) {
        return link(from, to).counters();
    }

    /** Every link's counters, keyed {@code "from->to"}, in region order. */
    public Map<String, LinkCounters> counters() {
        Map<String, LinkCounters> all = new LinkedHashMap<>();
        for (String from : addresses.regions()) {
            for (String to : addresses.regions()) {
                all.put(key(from, to), link(from, to).counters());
            }
        }
        return all;
    }

    /** Calls {@code listener} for every {@link WanEvent} from now on (on the thread that caused it). */
    public void listen(Consumer<WanEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    DirectedLink link(String from, String to) {
        DirectedLink link = links.get(key(from, to));
        if (link == null) {
            throw new IllegalArgumentException("link " + from + " -> " + to + ": both must be among " + addresses.regions());
        }
        return link;
    }

    void emit(WanEvent.Kind kind, String from, String to, String host) {
        WanEvent event = new WanEvent(clock.instant(), kind, from, to, host);
        listeners.forEach(l -> l.accept(event));
    }

    void log(String message) {
        System.getLogger(Wan.class.getName()).log(System.Logger.Level.WARNING, message);
    }

    private static String key(String from, String to) {
        return from + "->" + to;
    }

    /** Heals every link (so waiting writers finish) and closes every relay and the connections through them. */
    @Override
    public void close() {
        new ArrayList<>(links.values()).forEach(l -> l.cut(false));
        relays.forEach(Relay::close);
    }
}
