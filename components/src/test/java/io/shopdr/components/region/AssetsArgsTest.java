package io.shopdr.components.region;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssetsArgsTest {
    @Test
    void bucketLabelsFollowLinodeRules() {
        for (String ok : new String[] {"abc", "shop-assets-us-east", "shop.assets", "a1-b2.c3", "x".repeat(63)}) {
            assertTrue(AssetsArgs.BUCKET_LABEL.matcher(ok).matches(), ok);
        }
        for (String bad : new String[] {"ab", "x".repeat(64), "Shop", "shop_assets", "-shop", "shop-", "shop--a",
                "shop..a", ".shop", "shop.", "sh op"}) {
            assertFalse(AssetsArgs.BUCKET_LABEL.matcher(bad).matches(), bad);
        }
    }
}
