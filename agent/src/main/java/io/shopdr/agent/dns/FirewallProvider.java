package io.shopdr.agent.dns;

/**
 * Reads and replaces a Linode Cloud Firewall's rules ({@code /networking/firewalls/{id}/rules}); the controller
 * fences an old primary's database with it, the cloud drill simulates an outage with it.
 */
public interface FirewallProvider {

    FirewallRules rules(long firewallId);

    /** Replaces all rules and returns what the provider stored. */
    FirewallRules replaceRules(long firewallId, FirewallRules rules);
}
