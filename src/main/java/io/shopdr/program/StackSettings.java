package io.shopdr.program;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The stack configuration the program needs, validated as a whole before any resource is declared,
 * so that a bad Pulumi.&lt;stack&gt;.yaml fails at preview with a message naming the key and the fix.
 */
public final class StackSettings {
    private final List<String> regions;
    private final String domain;

    private StackSettings(List<String> regions, String domain) {
        this.regions = List.copyOf(regions);
        this.domain = domain;
    }

    /**
     * Validates raw config values.
     *
     * @param regions the {@code shopdr:regions} list, first = primary
     * @param domain  the {@code shopdr:domain} value
     * @throws IllegalArgumentException naming the config key and the fix
     */
    public static StackSettings of(List<String> regions, String domain) {
        List<String> problems = new ArrayList<>();
        List<String> rs = regions == null ? List.of() : regions;
        if (rs.size() < 2) {
            problems.add("shopdr:regions must list at least two regions, first = primary "
                    + "(e.g. pulumi config set --path 'shopdr:regions[1]' eu-west)");
        }
        if (new LinkedHashSet<>(rs).size() != rs.size()) {
            problems.add("shopdr:regions lists a region twice: " + rs + "; each region may appear once");
        }
        if (domain == null || domain.isBlank()) {
            problems.add("shopdr:domain is missing: pulumi config set shopdr:domain shop.example.com");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new StackSettings(rs, domain);
    }

    /** The regions, first = primary. */
    public List<String> regions() { return regions; }

    /** The primary region. */
    public String primaryRegion() { return regions.get(0); }

    /** The shop's domain. */
    public String domain() { return Objects.requireNonNull(domain); }
}
