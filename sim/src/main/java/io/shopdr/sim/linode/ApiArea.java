package io.shopdr.sim.linode;

/**
 * One area of the simulated Linode API (domains, domain records, firewalls, firewall devices), in the manner of
 * fabric8's mock server: each area owns its endpoints, all of them work on the one {@link SimulatedAccount}.
 * {@link #handle} runs while the account's lock is held.
 */
interface ApiArea {
    /** Whether this area serves the path (segments after {@code /v4}). */
    boolean serves(String[] path);

    Answer handle(ApiRequest request);
}
