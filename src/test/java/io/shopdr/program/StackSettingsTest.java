package io.shopdr.program;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackSettingsTest {
    @Test
    void firstRegionIsPrimary() {
        var s = StackSettings.of(List.of("us-east", "eu-west"), "shop.example.com");
        assertEquals("us-east", s.primaryRegion());
        assertEquals(List.of("us-east", "eu-west"), s.regions());
    }

    @Test
    void singleRegionIsRefusedNamingTheKey() {
        var e = assertThrows(IllegalArgumentException.class, () -> StackSettings.of(List.of("us-east"), "shop.example.com"));
        assertTrue(e.getMessage().contains("shopdr:regions"), e.getMessage());
    }

    @Test
    void duplicateRegionAndMissingDomainAreBothReported() {
        var e = assertThrows(IllegalArgumentException.class, () -> StackSettings.of(List.of("us-east", "us-east"), " "));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        assertTrue(e.getMessage().contains("shopdr:domain"), e.getMessage());
    }
}
