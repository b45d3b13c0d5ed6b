package io.shopdr.agent.failover;

import io.shopdr.agent.dns.DnsException;
import io.shopdr.agent.dns.DnsProvider;
import io.shopdr.agent.dns.DnsRecord;
import io.shopdr.agent.dns.DnsZone;
import io.shopdr.agent.dns.FirewallProvider;
import io.shopdr.agent.dns.FirewallRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small in-memory stand-in for Linode's domain and firewall API (test only), with the same error wording as the
 * real client for a read-only token.
 */
public final class InMemoryDns implements DnsProvider, FirewallProvider {
    private final String domain;
    private final List<DnsRecord> records = new ArrayList<>();
    private final Map<Long, FirewallRules> firewalls = new HashMap<>();
    private long nextId = 100;
    private volatile boolean readOnlyToken;
    public final AtomicInteger writes = new AtomicInteger();

    public InMemoryDns(String domain) {
        this.domain = domain;
    }

    public void readOnlyToken(boolean v) {
        readOnlyToken = v;
    }

    @Override
    public synchronized DnsZone zone(String d) {
        if (!domain.equals(d)) throw new DnsException(404, "zone not found: " + d);
        return new DnsZone(1, domain);
    }

    @Override
    public synchronized List<DnsRecord> records(DnsZone zone) {
        return List.copyOf(records);
    }

    @Override
    public synchronized DnsRecord create(DnsZone zone, DnsRecord record) {
        checkWrite();
        DnsRecord r = new DnsRecord(nextId++, record.type(), record.name(), record.target(), Math.max(30, record.ttlSec()));
        records.add(r);
        return r;
    }

    @Override
    public synchronized DnsRecord update(DnsZone zone, DnsRecord record) {
        checkWrite();
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).id() == record.id()) {
                records.set(i, record);
                return record;
            }
        }
        throw new DnsException(404, "record " + record.id() + " not found");
    }

    @Override
    public synchronized void delete(DnsZone zone, long recordId) {
        checkWrite();
        records.removeIf(r -> r.id() == recordId);
    }

    @Override
    public synchronized FirewallRules rules(long firewallId) {
        FirewallRules r = firewalls.get(firewallId);
        if (r == null) throw new DnsException(404, "firewall " + firewallId + " not found");
        return r;
    }

    @Override
    public synchronized FirewallRules replaceRules(long firewallId, FirewallRules rules) {
        if (readOnlyToken) throw new DnsException(403, "token lacks firewall:read_write");
        rules(firewallId);
        firewalls.put(firewallId, rules);
        return rules;
    }

    public synchronized void addFirewall(long id, FirewallRules rules) {
        firewalls.put(id, rules);
    }

    public synchronized List<DnsRecord> named(String type, String name) {
        return records.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).toList();
    }

    private void checkWrite() {
        if (readOnlyToken) throw new DnsException(403, "token lacks domains:read_write");
        writes.incrementAndGet();
    }
}
