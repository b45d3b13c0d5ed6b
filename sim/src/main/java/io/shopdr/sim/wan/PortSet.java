package io.shopdr.sim.wan;

import java.util.ArrayList;
import java.util.List;

/** Destination ports as Linode writes them: {@code "22, 80, 443, 3000-3010"}; blank means every port. */
public record PortSet(List<int[]> ranges) {
    /** Every port (Linode's omitted {@code ports}). */
    public static final PortSet ALL = new PortSet(List.of(new int[] {1, 65535}));

    public PortSet {
        ranges = List.copyOf(ranges);
    }

    /**
     * Parses Linode's port list.
     *
     * @throws IllegalArgumentException naming the bad entry and the expected form
     */
    public static PortSet parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        List<int[]> ranges = new ArrayList<>();
        for (String entry : text.split(",")) {
            String e = entry.trim();
            String[] bounds = e.split("-", -1);
            try {
                int low = Integer.parseInt(bounds[0].trim());
                int high = bounds.length == 2 ? Integer.parseInt(bounds[1].trim()) : low;
                if (bounds.length > 2 || low < 1 || high > 65535 || low > high) {
                    throw new NumberFormatException();
                }
                ranges.add(new int[] {low, high});
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("ports '" + text + "': entry '" + e
                        + "' is not a port 1–65535 or a range such as 3000-3010");
            }
        }
        return new PortSet(ranges);
    }

    /** Whether {@code port} is in the set. */
    public boolean contains(int port) {
        return ranges.stream().anyMatch(r -> port >= r[0] && port <= r[1]);
    }
}
