package io.shopdr.drill.nemesis;

import io.shopdr.agent.dns.DnsProvider;
import io.shopdr.agent.failover.Promotion;
import io.shopdr.agent.failover.RegionDatabases;
import io.shopdr.agent.firewall.FirewallProvider;
import io.shopdr.agent.replication.SemiSyncDurability;
import io.shopdr.agent.replication.StandbyReceipt;
import io.shopdr.agent.replication.SwitchoverStep;
import io.shopdr.drill.twin.ControllerEdge;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.linode.firewall.FirewallRules;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One controller process that dies when it reaches the point the nemesis armed ({@link #arm}): its first write of an
 * address record (A or AAAA — only a DNS switch writes them, after a promotion), or a step of a database switchover
 * ({@link SwitchoverStep}: after the old primary stopped taking writes, after the promotion). It is the
 * {@link #edge() edge} between that process and everything it acts on, so from the moment it dies every call it makes
 * — to the Linode API as DNS or as firewalls, to any database — fails as a dead process's would: nothing more of it
 * reaches the world, and {@code died} tells the nemesis to stop what is left of it and start a new process.
 */
final class ProcessDeath {
    /** Where the process can die. */
    enum Point {
        /** At its first write of an address record: a DNS switch, after the promotion it follows. */
        DNS_SWITCH(null),
        /** In a switchover, once the old primary stopped taking writes and the target caught up, before the promotion. */
        WRITES_STOPPED(SwitchoverStep.CAUGHT_UP),
        /** In a switchover, once the target was promoted, before the old primary is re-pointed at it. */
        PROMOTED(SwitchoverStep.PROMOTED);

        private final SwitchoverStep step;

        Point(SwitchoverStep step) {
            this.step = step;
        }
    }

    /** What a call through a dead process ends with: the process is gone, not the API nor the database. */
    static final class Died extends RuntimeException {
        Died(Point at) {
            super("the controller's process died (nemesis, at " + at.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
        }
    }

    private final Runnable died;
    private volatile Point armed;
    private volatile Point diedAt;

    /** @param died told once, on the dying thread, when the process dies */
    ProcessDeath(Runnable died) {
        this.died = died;
    }

    /** Makes the process die the next time it reaches {@code point}. */
    ProcessDeath arm(Point point) {
        armed = point;
        return this;
    }

    /** Whether the process died. */
    boolean dead() {
        return diedAt != null;
    }

    /** The wrappers to start the controller process with. */
    ControllerEdge edge() {
        return new ControllerEdge(Dns::new, Firewalls::new, Databases::new);
    }

    private void reached(Point point) {
        alive();
        if (armed != point) return;
        armed = null;
        diedAt = point;
        died.run();
        throw new Died(point);
    }

    private void alive() {
        Point at = diedAt;
        if (at != null) throw new Died(at);
    }

    private final class Dns implements DnsProvider {
        private final DnsProvider live;

        Dns(DnsProvider live) {
            this.live = live;
        }

        @Override
        public DnsZone zone(String domain) {
            alive();
            return live.zone(domain);
        }

        @Override
        public List<DnsRecord> records(DnsZone zone) {
            alive();
            return live.records(zone);
        }

        @Override
        public DnsRecord create(DnsZone zone, DnsRecord record) {
            addressWrite(record);
            return live.create(zone, record);
        }

        @Override
        public DnsRecord update(DnsZone zone, DnsRecord record) {
            addressWrite(record);
            return live.update(zone, record);
        }

        @Override
        public void delete(DnsZone zone, long recordId) {
            alive();
            live.delete(zone, recordId);
        }

        private void addressWrite(DnsRecord record) {
            alive();
            if ("A".equalsIgnoreCase(record.type()) || "AAAA".equalsIgnoreCase(record.type())) reached(Point.DNS_SWITCH);
        }
    }

    private final class Firewalls implements FirewallProvider {
        private final FirewallProvider live;

        Firewalls(FirewallProvider live) {
            this.live = live;
        }

        @Override
        public FirewallRules rules(long firewallId) {
            alive();
            return live.rules(firewallId);
        }

        @Override
        public FirewallRules replaceRules(long firewallId, FirewallRules rules) {
            alive();
            return live.replaceRules(firewallId, rules);
        }
    }

    private final class Databases implements RegionDatabases {
        private final RegionDatabases live;

        Databases(RegionDatabases live) {
            this.live = live;
        }

        @Override
        public String gtidPosition(String region, Duration timeout) {
            alive();
            return live.gtidPosition(region, timeout);
        }

        @Override
        public boolean fence(String region, Duration timeout) {
            alive();
            return live.fence(region, timeout);
        }

        @Override
        public int releaseSemiSync(String primary, Duration timeout) {
            alive();
            return live.releaseSemiSync(primary, timeout);
        }

        @Override
        public List<String> restoreSemiSync(String primary, Duration timeout) {
            alive();
            return live.restoreSemiSync(primary, timeout);
        }

        @Override
        public void lift(String region) {
            alive();
            live.lift(region);
        }

        @Override
        public boolean isPrimary(String region, Duration timeout) {
            alive();
            return live.isPrimary(region, timeout);
        }

        @Override
        public Promotion failover(String oldPrimary, Optional<String> reference) {
            alive();
            return live.failover(oldPrimary, reference);
        }

        @Override
        public List<String> repointStandbys(String newPrimary, String oldPrimary, Duration timeout) {
            alive();
            return live.repointStandbys(newPrimary, oldPrimary, timeout);
        }

        /** The switchover goes on in the live databases until a step the process is armed to die at. */
        @Override
        public void switchover(String from, String to, Duration timeout, Consumer<SwitchoverStep> progress) {
            alive();
            live.switchover(from, to, timeout, step -> {
                progress.accept(step);
                for (Point p : Point.values()) if (p.step == step) reached(p);
            });
        }

        @Override
        public void rejoin(String primary, String node, Duration timeout) {
            alive();
            live.rejoin(primary, node, timeout);
        }

        @Override
        public Map<String, StandbyReceipt> receipts(String primary, Collection<String> standbys, Optional<String> reference,
                                                    Duration timeout) {
            alive();
            return live.receipts(primary, standbys, reference, timeout);
        }

        @Override
        public SemiSyncDurability durability(String primary, Duration timeout) {
            alive();
            return live.durability(primary, timeout);
        }

        @Override
        public Map<String, Long> replicationLagSeconds(String primary) {
            alive();
            return live.replicationLagSeconds(primary);
        }
    }
}
