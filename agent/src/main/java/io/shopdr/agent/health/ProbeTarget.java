package io.shopdr.agent.health;

import java.net.URI;
import java.util.Objects;

/**
 * One region's public endpoint as a probe sees it: {@code url} reaches the region's ingress directly (its IP, so
 * DNS does not decide which region answers) and {@code hostHeader} is the shop's domain the ingress routes on.
 */
public record ProbeTarget(String region, URI url, String hostHeader) {

    /** The path probed when the configured URL has none. */
    public static final String DEFAULT_PATH = "/healthz";

    public ProbeTarget {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(url, "url");
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
            throw new IllegalArgumentException("probe url for region " + region + " must be http:// or https://, got "
                    + url);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("probe url for region " + region + " has no host: " + url);
        }
        if (url.getRawPath() == null || url.getRawPath().isEmpty()) url = url.resolve(DEFAULT_PATH);
    }

    /** The probe target of a region's ingress address ({@code 198.51.100.1}, {@code [2600::1]}, {@code 127.0.0.1:8080}). */
    public static ProbeTarget of(String region, String scheme, String ingressAddress, String hostHeader, String path) {
        String p = path == null || path.isBlank() ? DEFAULT_PATH : (path.startsWith("/") ? path : "/" + path);
        String host = ingressAddress.contains(":") && !ingressAddress.startsWith("[") && ingressAddress.indexOf(':') != ingressAddress.lastIndexOf(':')
                ? "[" + ingressAddress + "]" : ingressAddress;
        return new ProbeTarget(region, URI.create(scheme + "://" + host + p), hostHeader);
    }
}
