package io.shopdr.program;

import com.pulumi.test.PulumiTest;
import com.pulumi.test.internal.PulumiTestInternal;
import io.shopdr.components.testing.CloudMocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the program under the SDK's mock engine with stack config, as `pulumi preview` would. */
class AppTest {
    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    private static com.pulumi.test.TestResult run(Map<String, String> config) {
        return PulumiTestInternal.builder().mocks(new CloudMocks()).config(config).build().runTest(App::stack);
    }

    @Test
    void exportsPrimaryRegionFromConfig() {
        var result = run(Map.of("shopdr:regions", "[\"us-east\",\"eu-west\"]", "shopdr:domain", "shop.example.com"));
        assertEquals(0, result.exitCode(), () -> result.exceptions().toString());
        assertEquals("us-east", PulumiTest.extractValue(result.output("primaryRegion", String.class)));
    }

    @Test
    void singleRegionFailsAtPreviewNamingTheKey() {
        var result = run(Map.of("shopdr:regions", "[\"us-east\"]", "shopdr:domain", "shop.example.com"));
        assertNotEquals(0, result.exitCode());
        assertTrue(result.exceptions().stream().anyMatch(e -> String.valueOf(e.getMessage()).contains("shopdr:regions")),
                () -> result.exceptions().toString());
    }
}
