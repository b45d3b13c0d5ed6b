package io.shopdr.sim.linode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopdr.linode.firewall.FirewallRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What each Linode instance's Cloud Firewall enforces, derived from the account (devices → firewall → rules), and the
 * {@link FirewallEnforcementListener}s told when that changes. Compared as rule values, so a request that changes
 * nothing enforced (a rules PUT with the same rules, which still bumps the version) tells nobody. Everything here runs
 * under the account's lock.
 */
final class FirewallEnforcement {
    private final SimulatedAccount account;
    private final List<FirewallEnforcementListener> listeners = new CopyOnWriteArrayList<>();
    /** What the listeners were last told, by Linode id (a Linode without a firewall is absent). */
    private Map<Long, FirewallRules> told = Map.of();

    FirewallEnforcement(SimulatedAccount account) {
        this.account = account;
    }

    /** The rules object of the firewall attached to {@code linodeId}, if one is (Linode allows one enabled firewall). */
    Optional<JsonNode> rulesOf(long linodeId) {
        for (var entry : account.devices.entrySet()) {
            for (ObjectNode d : entry.getValue().values()) {
                if (d.path("entity").path("id").asLong() == linodeId) {
                    return Optional.of(account.firewalls.get(entry.getKey()).path("rules"));
                }
            }
        }
        return Optional.empty();
    }

    /** Adds {@code listener} and tells it at once what every protected Linode enforces now. */
    void listen(FirewallEnforcementListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        told = enforcedNow(); // unchanged when others listened already: every change since was published
        told.forEach((linode, rules) -> listener.enforced(linode, Optional.of(rules)));
    }

    /** After a request that may have changed the account: tells the listeners about every Linode whose rules changed. */
    void publishChanges() {
        if (listeners.isEmpty()) return;
        Map<Long, FirewallRules> now = enforcedNow();
        for (Map.Entry<Long, FirewallRules> e : now.entrySet()) {
            if (!e.getValue().equals(told.get(e.getKey()))) tell(e.getKey(), Optional.of(e.getValue()));
        }
        for (Long linode : told.keySet()) {
            if (!now.containsKey(linode)) tell(linode, Optional.empty());
        }
        told = now;
    }

    private Map<Long, FirewallRules> enforcedNow() {
        Map<Long, FirewallRules> now = new HashMap<>();
        for (long linode : account.linodes.keySet()) {
            rulesOf(linode).ifPresent(rules -> now.put(linode, FirewallsArea.toRules(rules)));
        }
        return now;
    }

    private void tell(long linode, Optional<FirewallRules> rules) {
        listeners.forEach(l -> l.enforced(linode, rules));
    }
}
