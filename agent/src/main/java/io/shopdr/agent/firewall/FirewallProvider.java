package io.shopdr.agent.firewall;

import io.shopdr.linode.firewall.Firewall;
import io.shopdr.linode.firewall.FirewallDevice;
import io.shopdr.linode.firewall.FirewallRules;
import java.util.List;

/**
 * Reads and replaces a Linode Cloud Firewall's rules ({@code /networking/firewalls/{id}/rules}); the controller
 * fences an old primary's database with it, the cloud drill simulates an outage with it. The lifecycle operations
 * (create, delete, devices) have default implementations that refuse, so a provider that only fences stays valid.
 */
public interface FirewallProvider {

    FirewallRules rules(long firewallId);

    /** Replaces all rules and returns what the provider stored. */
    FirewallRules replaceRules(long firewallId, FirewallRules rules);

    /** Every firewall of the account (all pages). */
    default List<Firewall> firewalls() {
        throw unsupported("list firewalls");
    }

    /** One firewall by id; fails with "firewall not found: …". */
    default Firewall firewall(long firewallId) {
        throw unsupported("read a firewall");
    }

    /** Creates an enabled firewall with {@code rules} (label: 3–32 characters, letters, digits, {@code -_.}). */
    default Firewall createFirewall(String label, FirewallRules rules) {
        throw unsupported("create a firewall");
    }

    /** Deletes the firewall (detaching it from every device). */
    default void deleteFirewall(long firewallId) {
        throw unsupported("delete a firewall");
    }

    /** The services the firewall is attached to (all pages). */
    default List<FirewallDevice> devices(long firewallId) {
        throw unsupported("list firewall devices");
    }

    /** Attaches the firewall to a Linode instance and returns the new device. */
    default FirewallDevice attachLinode(long firewallId, long linodeId) {
        throw unsupported("attach a firewall");
    }

    /** Detaches the device (by device id, not entity id) from the firewall. */
    default void detachDevice(long firewallId, long deviceId) {
        throw unsupported("detach a firewall device");
    }

    private UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " cannot " + what);
    }
}
