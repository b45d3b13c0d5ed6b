package io.shopdr.linode.firewall;

/**
 * A Linode Cloud Firewall: its id, label, status ({@code enabled}, {@code disabled}) and rules. The controller fences
 * an old primary's database with it; the cloud drill creates and removes one to simulate a region outage.
 */
public record Firewall(long id, String label, String status, FirewallRules rules) {}
