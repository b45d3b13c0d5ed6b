package io.shopdr.tests.snapshot;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceGraphTest {
    private static Value str(String s) { return Value.newBuilder().setStringValue(s).build(); }
    private static Value num(double d) { return Value.newBuilder().setNumberValue(d).build(); }

    @Test
    void rendersParentProviderSortedInputsAndRedactsSecrets() {
        Struct secret = Struct.newBuilder()
                .putFields("4dabf18193072939515e22adb298388d", str("1b47061264138c4ac30d75fd1eb44270"))
                .putFields("value", str("hunter2")).build();
        Struct inputs = Struct.newBuilder()
                .putFields("password", Value.newBuilder().setStructValue(secret).build())
                .putFields("port", num(3306))
                .putFields("ratio", num(0.5))
                .putFields("tags", Value.newBuilder().setListValue(ListValue.newBuilder().addValues(str("a"))).build())
                .putFields("host", str("04da6b54-80e4-46f7-96ec-b56ff0331ba9"))
                .putFields("config", str("a = 1\nb = 2\n"))
                .build();
        var child = new GraphRecordingMonitor.Registration("linode:index/instance:Instance", "db-us-east",
                "urn:pulumi:prod::shopdr::shopdr:index:ReplicatedDatabase::db",
                "urn:pulumi:prod::shopdr::pulumi:providers:linode::default_6_0_0::abc-123", false, inputs, List.of("metadatas"), true);
        var parent = new GraphRecordingMonitor.Registration("shopdr:index:ReplicatedDatabase", "db",
                "urn:pulumi:prod::shopdr::pulumi:pulumi:Stack::shopdr-prod", "", false, Struct.getDefaultInstance(), List.of(), false);
        String text = ResourceGraph.render(List.of("h"), List.of(child, parent), Map.of("b", "2", "a", "[secret]"));
        assertEquals("""
                # h

                shopdr:index:ReplicatedDatabase  db
                  parent: (stack)

                linode:index/instance:Instance  db-us-east
                  parent: shopdr:index:ReplicatedDatabase  db
                  provider: pulumi:providers:linode  default_6_0_0
                  protect: true
                  ignoreChanges: metadatas
                  config = |
                      a = 1
                      b = 2
                  host = [unknown]
                  password = [secret]
                  port = 3306
                  ratio = 0.5
                  tags.0 = "a"

                outputs
                  a = [secret]
                  b = 2
                """, text);
        assertFalse(text.contains("hunter2"));
    }

    @Test
    void urnNameKeepsOnlyTheLastTypeOfTheParentChain() {
        assertEquals("kubernetes:core/v1:Secret  us-east-db",
                ResourceGraph.urnName("urn:pulumi:prod::shopdr::shopdr:index:RegionStack$kubernetes:core/v1:Secret::us-east-db"));
        assertTrue(ResourceGraph.urnName("").contains("none"));
    }
}
