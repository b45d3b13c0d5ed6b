package io.shopdr.linode.firewall;

/**
 * The attachment of a firewall to a service ({@code entityType} {@code linode} or {@code nodebalancer}); the device
 * {@code id} is what detaching needs, {@code entityId} is the Linode instance (or NodeBalancer) id.
 */
public record FirewallDevice(long id, long entityId, String entityType, String entityLabel) {}
