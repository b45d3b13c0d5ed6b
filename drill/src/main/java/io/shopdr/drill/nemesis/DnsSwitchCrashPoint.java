package io.shopdr.drill.nemesis;

import io.shopdr.agent.dns.DnsProvider;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import java.util.List;

/**
 * A controller's DNS provider whose process dies at its first write of an address record (A or AAAA): the shop's
 * records are written only by a DNS switch, which comes after the promotion, so a failing-over controller dies between
 * the promotion and the switch. From then on every call fails as a dead process's would (nothing more reaches the
 * zone: no vote, no record), and {@code died} tells the nemesis to stop what is left of it. Votes and the event record
 * (TXT) pass through until then.
 */
final class DnsSwitchCrashPoint implements DnsProvider {
    /** What a call through a dead controller's provider ends with: the process is gone, not the API. */
    static final class ControllerDied extends RuntimeException {
        ControllerDied() {
            super("the controller's process died before its DNS switch (nemesis controller-crash)");
        }
    }

    private final DnsProvider live;
    private final Runnable died;
    private volatile boolean dead;

    DnsSwitchCrashPoint(DnsProvider live, Runnable died) {
        this.live = live;
        this.died = died;
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
        crashOnAddress(record);
        return live.create(zone, record);
    }

    @Override
    public DnsRecord update(DnsZone zone, DnsRecord record) {
        crashOnAddress(record);
        return live.update(zone, record);
    }

    @Override
    public void delete(DnsZone zone, long recordId) {
        alive();
        live.delete(zone, recordId);
    }

    private void crashOnAddress(DnsRecord record) {
        alive();
        if ("A".equalsIgnoreCase(record.type()) || "AAAA".equalsIgnoreCase(record.type())) {
            dead = true;
            died.run();
            throw new ControllerDied();
        }
    }

    private void alive() {
        if (dead) throw new ControllerDied();
    }
}
