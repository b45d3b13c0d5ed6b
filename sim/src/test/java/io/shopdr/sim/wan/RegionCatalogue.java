package io.shopdr.sim.wan;

import java.util.List;

/** The core region ids of components' {@code LinodeRegions.KNOWN} (copied: sim must not depend on components). */
final class RegionCatalogue {
    static final List<String> REGIONS = List.of(
            "us-east", "us-central", "us-west", "us-southeast", "us-iad", "us-ord", "us-sea", "us-lax", "us-mia",
            "ca-central", "br-gru",
            "eu-west", "eu-central", "gb-lon", "de-fra-2", "fr-par", "nl-ams", "se-sto", "es-mad", "it-mil",
            "ap-south", "ap-northeast", "ap-west", "ap-southeast", "in-maa", "in-bom-2", "id-cgk", "jp-osa",
            "jp-tyo-3", "au-mel", "sg-sin-2");

    private RegionCatalogue() {}
}
