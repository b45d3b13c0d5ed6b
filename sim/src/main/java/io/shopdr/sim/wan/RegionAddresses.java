package io.shopdr.sim.wan;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Each region's "public address" in the twin: region {@code i} of the list owns {@code 127.0.(10+i).1}. Linux
 * routes all of 127.0.0.0/8 to the loopback interface, so any of these can be bound without root; the relay in
 * front of a server tells the source region from the peer address of an accepted connection.
 *
 * <p>{@code 127.0.0.1} belongs to no region: it is what a process that cannot bind (mariadbd's replication IO
 * thread) connects from, and the {@link Wan} maps it to a per-target assumed source region.
 */
public final class RegionAddresses {
    /** Third octet of the first region's address; leaves 127.0.0.x to processes that cannot bind. */
    static final int FIRST_OCTET = 10;

    private final List<String> regions;

    private RegionAddresses(List<String> regions) {
        this.regions = List.copyOf(regions);
    }

    /**
     * @param regions region ids in a fixed order (the stack's order); at most 245, no duplicates
     * @throws IllegalArgumentException naming the field when the list is empty, too long or repeats a region
     */
    public static RegionAddresses of(List<String> regions) {
        Objects.requireNonNull(regions, "regions");
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("regions: give at least one region id");
        }
        if (regions.size() > 255 - FIRST_OCTET) {
            throw new IllegalArgumentException("regions: at most " + (255 - FIRST_OCTET) + " regions fit in 127.0.0.0/8 here");
        }
        if (regions.stream().distinct().count() != regions.size()) {
            throw new IllegalArgumentException("regions: each region id may appear once, got " + regions);
        }
        return new RegionAddresses(regions);
    }

    /** The regions, in the order given. */
    public List<String> regions() {
        return regions;
    }

    /** The loopback address region {@code region} owns. */
    public InetAddress addressOf(String region) {
        int index = regions.indexOf(region);
        if (index < 0) {
            throw new IllegalArgumentException("region: '" + region + "' is not one of " + regions);
        }
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) (FIRST_OCTET + index), 1});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The region that owns {@code address}, or empty when it is none of them (e.g. 127.0.0.1). */
    public Optional<String> regionOf(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 4 || b[0] != 127 || b[1] != 0 || b[3] != 1) {
            return Optional.empty();
        }
        int index = (b[2] & 0xff) - FIRST_OCTET;
        return index >= 0 && index < regions.size() ? Optional.of(regions.get(index)) : Optional.empty();
    }
}
