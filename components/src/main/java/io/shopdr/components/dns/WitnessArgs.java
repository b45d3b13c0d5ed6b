package io.shopdr.components.dns;

import io.shopdr.validation.Problems;
import io.shopdr.validation.Rules;
import java.util.List;

/**
 * The witness {@link FailoverDns} deploys: a small Linode in a region that is none of the shop's, running the
 * controller image as a witness observer (it probes every region's ingress and votes; it never fences, promotes or
 * switches DNS). With two regions it is the third vote the quorum rule needs to tell a dead region from a cut link.
 * Validated by {@link FailoverDnsArgs.Builder#build()}, which knows the shop's regions.
 *
 * @param region       Linode region of the witness: one offering Metadata (cloud-init user data), not one of the
 *                     shop's regions, ideally near neither (required)
 * @param instanceType Linode plan. @default {@code g6-nanode-1} (1 GB: the controller runs with half of it as heap)
 * @param image        Linode image; the cloud-init installs podman from its distribution. @default {@code linode/debian12}
 */
public record WitnessArgs(String region, String instanceType, String image) {
    /** @default plan */
    public static final String DEFAULT_TYPE = "g6-nanode-1";
    /** @default image (Debian 12 ships podman 4.3 in main) */
    public static final String DEFAULT_IMAGE = "linode/debian12";

    /** A witness in {@code region} on the default plan and image. */
    public static WitnessArgs in(String region) {
        return new WitnessArgs(region, DEFAULT_TYPE, DEFAULT_IMAGE);
    }

    /** The same witness on another plan. */
    public WitnessArgs withInstanceType(String type) {
        return new WitnessArgs(region, type, image);
    }

    /** The observer name the witness votes under ({@code witness-<region>}), listed in every controller's config. */
    public String name() {
        return "witness-" + region;
    }

    void validate(Problems problems, List<String> shopRegions) {
        if (Rules.regionId(problems, "witness.region", region)) {
            problems.require(!shopRegions.contains(region), "witness.region", region + " is one of the shop's regions "
                    + shopRegions, "put the witness in a third region, e.g. us-ord for us-east and gb-lon");
        }
        problems.require(instanceType != null && !instanceType.isBlank(), "witness.instanceType", "is empty",
                "give a Linode plan such as " + DEFAULT_TYPE);
        problems.require(image != null && !image.isBlank(), "witness.image", "is empty",
                "give a Linode image such as " + DEFAULT_IMAGE);
    }
}
