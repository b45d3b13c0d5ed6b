package io.shopdr.sim.wan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RttTableTest {
    private final RttTable linode = RttTable.linode();

    @Test
    void measuredPairsCarryTheirMeasurementAndSource() {
        RttTable.RttFigure londonFrankfurt = linode.rtt("eu-central", "eu-west");
        assertEquals(Duration.ofMillis(13), londonFrankfurt.rtt());
        assertTrue(londonFrankfurt.source().contains("IBM Cloud VPC"), londonFrankfurt.source());
        assertEquals(londonFrankfurt, linode.rtt("eu-west", "eu-central"));
        assertEquals(Duration.ofNanos(300_000), linode.rtt("us-east", "us-east").rtt());
    }

    @Test
    void everyKnownRegionPairHasAFigureAndDerivedOnesSayHow() {
        for (String a : io.shopdr.sim.wan.RegionCatalogue.REGIONS) {
            for (String b : io.shopdr.sim.wan.RegionCatalogue.REGIONS) {
                RttTable.RttFigure figure = linode.rtt(a, b);
                assertTrue(!figure.rtt().isNegative() && figure.rtt().compareTo(Duration.ofMillis(400)) < 0, a + "-" + b + " " + figure);
            }
        }
        RttTable.RttFigure newarkLondon = linode.rtt("us-east", "eu-west");
        assertTrue(newarkLondon.source().startsWith("scaled: us-iad-eu-west"), newarkLondon.source());
        // Great-circle 5,580 km: straight fibre 55.8 ms; Newark is nearer London than Washington (76 ms measured) is.
        assertTrue(newarkLondon.rtt().compareTo(Duration.ofMillis(56)) > 0 && newarkLondon.rtt().compareTo(Duration.ofMillis(76)) < 0,
                newarkLondon.toString());
        RttTable.RttFigure chicagoLondon = linode.rtt("us-ord", "eu-west");
        assertTrue(chicagoLondon.source().startsWith("derived"), chicagoLondon.source());
        assertTrue(chicagoLondon.rtt().compareTo(newarkLondon.rtt()) > 0, chicagoLondon + " vs " + newarkLondon);
        assertEquals(Duration.ofMillis(1), linode.rtt("eu-west", "gb-lon").rtt(), "two data centres in one metro");
    }

    @Test
    void aPlaceThatIsNoRegionHasItsOwnFigureToEveryRegionAndLeavesTheRestAlone() {
        RttTable.RttFigure api = new RttTable.RttFigure(Duration.ofMillis(40), "assumption");
        RttTable withApi = linode.with("api", api);
        assertEquals(api, withApi.rtt("api", "us-east"));
        assertEquals(api, withApi.rtt("ap-south", "api"));
        assertEquals(linode.rtt("eu-central", "eu-west"), withApi.rtt("eu-central", "eu-west"));
        assertEquals(linode.rtt("us-east", "us-east"), withApi.rtt("api", "api"), "within the place: same-region figure");
    }

    @Test
    void theOverrideAppliesToEveryPairAndUnknownRegionsAreNamed() {
        assertEquals(new RttTable.RttFigure(Duration.ofMillis(80), "--rtt override"), RttTable.uniform(Duration.ofMillis(80)).rtt("a", "b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> linode.rtt("us-east", "mars-1"));
        assertTrue(e.getMessage().contains("mars-1") && e.getMessage().contains("--rtt"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RttTable.uniform(Duration.ofMillis(-1)));
    }
}
