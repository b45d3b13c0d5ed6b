package io.shopdr.sim.clients;

/**
 * One order a client places.
 *
 * @param clientId     the client
 * @param clientRegion where the client is (the sink connects from that region's address)
 * @param address      what the client's DNS cache says the shop's name is
 */
public record OrderRequest(String clientId, String clientRegion, String address) {}
