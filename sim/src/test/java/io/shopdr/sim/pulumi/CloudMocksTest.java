package io.shopdr.sim.pulumi;

import com.pulumi.test.Mocks;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudMocksTest {
    @Test
    void lkeClusterGetsDecodableKubeconfigAndNumericId() throws Exception {
        var mocks = new CloudMocks();
        var result = mocks.newResourceAsync(new Mocks.ResourceArgs("linode:index/lkeCluster:LkeCluster", "us-east",
                Map.of("region", "us-east"), null, null)).get();
        assertTrue(result.id.orElseThrow().matches("\\d+"));
        @SuppressWarnings("unchecked") var state = (Map<String, Object>) result.state;
        String kubeconfig = new String(Base64.getDecoder().decode((String) state.get("kubeconfig")), StandardCharsets.UTF_8);
        assertTrue(kubeconfig.contains("kind: Config"), kubeconfig);
        assertEquals("us-east", state.get("region"), "inputs are echoed back");
    }

    @Test
    void findAndInputNavigateRegisteredResources() {
        var mocks = new CloudMocks();
        mocks.newResourceAsync(new Mocks.ResourceArgs("linode:index/instance:Instance", "db-eu-west",
                Map.of("tags", List.of("shopdr", "db")), null, null));
        var db = mocks.find("linode:index/instance:Instance", "db-eu-west");
        assertEquals("db", CloudMocks.input(db, "tags.1"));
        assertNull(CloudMocks.input(db, "tags.7"));
        var e = assertThrows(AssertionError.class, () -> mocks.find("linode:index/instance:Instance", "db-us-east"));
        assertTrue(e.getMessage().contains("db-eu-west"), e.getMessage());
    }
}
