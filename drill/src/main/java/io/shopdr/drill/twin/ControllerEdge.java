package io.shopdr.drill.twin;

import io.shopdr.agent.dns.DnsProvider;
import io.shopdr.agent.failover.RegionDatabases;
import io.shopdr.agent.firewall.FirewallProvider;
import java.util.function.UnaryOperator;

/**
 * What a nemesis puts between one controller process and the world it acts on ({@link TwinControllers#restartWithEdge}):
 * a wrapper for each collaborator — the Linode API as DNS and as firewalls, and the region databases — so a fault can
 * strike at an exact call (a crash point) without the controller knowing it runs in the twin.
 *
 * @param dns       wraps the controller's DNS provider (its Linode client)
 * @param firewalls wraps the controller's firewall provider (the same client)
 * @param databases wraps the controller's region databases (a region's controller only)
 */
public record ControllerEdge(UnaryOperator<DnsProvider> dns, UnaryOperator<FirewallProvider> firewalls,
                             UnaryOperator<RegionDatabases> databases) {
    /** No wrapper: the controller talks to the world directly. */
    public static final ControllerEdge NONE = new ControllerEdge(UnaryOperator.identity(), UnaryOperator.identity(),
            UnaryOperator.identity());
}
