package io.shopdr.components.region;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Linode core region ids shopdr accepts (where LKE, NodeBalancers and Object Storage are offered), so that a
 * typo such as {@code us-eats} fails at preview instead of after minutes of provisioning.
 */
public final class LinodeRegions {
    /** Core compute regions as listed by {@code linode-cli regions list} (LKE-capable). */
    public static final Set<String> KNOWN = Set.copyOf(List.of(
            "us-east", "us-central", "us-west", "us-southeast", "us-iad", "us-ord", "us-sea", "us-lax", "us-mia",
            "ca-central", "br-gru",
            "eu-west", "eu-central", "gb-lon", "de-fra-2", "fr-par", "nl-ams", "se-sto", "es-mad", "it-mil",
            "ap-south", "ap-northeast", "ap-west", "ap-southeast", "in-maa", "in-bom-2", "id-cgk", "jp-osa",
            "jp-tyo-3", "au-mel", "sg-sin-2"));

    private LinodeRegions() {}

    /** Whether {@code id} is a known Linode region id. */
    public static boolean isKnown(String id) {
        return id != null && KNOWN.contains(id);
    }

    /** The known ids, sorted, for error messages. */
    public static String listing() {
        return String.join(", ", new TreeSet<>(KNOWN));
    }
}
