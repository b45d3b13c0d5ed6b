package io.shopdr.sim.linode;

import io.shopdr.linode.firewall.FirewallRules;
import java.util.Optional;

/**
 * Told what a Linode instance's Cloud Firewall enforces whenever that changes through the API: a rules update of a
 * firewall attached to it, the firewall attached or detached, the firewall deleted. What a world built around the
 * simulator needs to enforce the firewall as it stands in the API (the twin's WAN relays), rather than the rules it
 * was deployed with.
 *
 * <p>Called under the simulator's lock, in the order the changes happened, before the changing request is answered:
 * an implementation must return quickly and must not call the simulator back (hand the work to a thread of its own).
 */
@FunctionalInterface
public interface FirewallEnforcementListener {
    /**
     * @param linodeId the instance whose protection changed
     * @param rules    the rules now enforced on it; empty when no firewall is attached (Linode passes everything)
     */
    void enforced(long linodeId, Optional<FirewallRules> rules);
}
