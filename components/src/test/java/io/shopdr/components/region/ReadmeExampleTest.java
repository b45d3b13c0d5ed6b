package io.shopdr.components.region;

import com.pulumi.Context;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.internal.PulumiTestInternal;
import io.shopdr.sim.pulumi.CloudMocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's "Using the components in another Pulumi Java program" example, kept compiling and working. */
class ReadmeExampleTest {
    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    /** Body of the README example's {@code Pulumi.run(ctx -> …)}, verbatim. */
    static void example(Context ctx) {
        var region = new RegionStack("us-east", RegionStackArgs.builder()
                .region("us-east")
                .kubernetesVersion("1.31")
                .nodePools(NodePoolArgs.builder().type("g6-dedicated-4").min(3).max(6).build())
                .domain("shop.example.com")
                .store(StoreChartArgs.builder().repository("https://charts.example.com/shop")
                        .chart("storefront").version("1.0.0").build())
                .database(DatabaseConnectionArgs.builder().host("192.168.128.10").name("shop")
                        .user("shop").password(ctx.config().requireSecret("dbAppPassword")).build())
                .assets(AssetsArgs.builder().bucketLabel("my-shop-assets-us-east").build())
                .build());
        ctx.export("ingressIp", region.ingressIp());
        ctx.export("kubeconfig", region.kubeconfig());   // already a secret
    }

    /** Keeps "verbatim" true: every line of {@link #example} appears, in order, in the README's example. */
    @Test
    void readmeShowsThisExample() throws Exception {
        List<String> source = Files.readAllLines(Path.of("src/test/java/io/shopdr/components/region/ReadmeExampleTest.java"));
        int start = source.indexOf("    static void example(Context ctx) {") + 1;
        int end = source.subList(start, source.size()).indexOf("    }") + start;
        List<String> readme = Files.readAllLines(Path.of("../README.md")).stream().map(String::strip).toList();
        int at = 0;
        for (String line : source.subList(start, end)) {
            int found = readme.subList(at, readme.size()).indexOf(line.strip());
            assertTrue(start > 0 && found >= 0, "README.md lacks (in this order) the example line: " + line.strip());
            at += found + 1;
        }
    }

    @Test
    void readmeExampleRuns() {
        var mocks = new CloudMocks();
        var result = PulumiTestInternal.builder().mocks(mocks)
                .config(Map.of("project:dbAppPassword", "pw"), Set.of("project:dbAppPassword"))
                .build().runTest(ReadmeExampleTest::example);
        assertEquals(0, result.exitCode(), () -> result.exceptions().toString());
        assertTrue(PulumiTest.extractValue(result.output("ingressIp", String.class)).startsWith("203.0.113."));
        assertEquals("pw", CloudMocks.input(mocks.find("kubernetes:core/v1:Secret", "us-east-db-credentials"),
                "stringData.password"));
    }
}
