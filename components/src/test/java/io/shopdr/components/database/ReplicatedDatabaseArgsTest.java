package io.shopdr.components.database;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicatedDatabaseArgsTest {
    static ReplicatedDatabaseArgs.Builder valid() {
        return ReplicatedDatabaseArgs.builder().regions("us-east", "eu-west")
                .adminPassword("a-secret").replicationPassword("r-secret").appPassword("p-secret");
    }

    private static String error(ReplicatedDatabaseArgs.Builder b) {
        return assertThrows(IllegalArgumentException.class, b::build).getMessage();
    }

    @Test
    void defaultsAreDocumentedValues() {
        var a = valid().build();
        assertEquals("us-east", a.primaryRegion());
        assertEquals(DatabaseEngine.MARIADB_10_11, a.engine());
        assertEquals("g6-standard-2", a.instanceType());
        assertEquals("linode/debian12", a.image());
        assertTrue(a.backups());
        assertEquals("shop", a.databaseName());
        assertEquals("shopdr_admin", a.adminUser());
        assertEquals("shopdr_repl", a.replicationUser());
        assertEquals(3306, a.port());
        assertEquals(List.of(), a.sshCidrs());
        assertEquals(List.of(), com.pulumi.test.PulumiTest.extractValue(a.clientCidrs()), "nothing admitted unless given");
    }

    @Test
    void fewerThanTwoRegionsIsRefusedNamingTheField() {
        String m = error(valid().regions("us-east"));
        assertTrue(m.contains("regions: need at least two regions"), m);
        assertTrue(error(valid().regions(List.of())).contains("regions:"));
    }

    @Test
    void duplicateRegionIsRefusedNamingTheRegion() {
        String m = error(valid().regions("us-east", "eu-west", "us-east"));
        assertTrue(m.contains("regions: \"us-east\" appears more than once"), m);
    }

    @Test
    void unknownEngineListsTheAcceptedOnes() {
        String m = error(valid().engine("postgres-16"));
        assertTrue(m.contains("engine: unknown database engine \"postgres-16\"; use one of mariadb-10.11, mysql-8.4"), m);
        assertEquals(DatabaseEngine.MYSQL_8_4, valid().engine("mysql-8.4").build().engine());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String m = error(ReplicatedDatabaseArgs.builder().regions("us-east", "US East").engine("oracle")
                .sshCidrs("0.0.0.0/99").databaseName("shop-db").port(0));
        for (String field : List.of("regions: \"US East\"", "engine:", "sshCidrs: \"0.0.0.0/99\"", "databaseName:",
                "port:", "adminPassword: required", "replicationPassword: required", "appPassword: required")) {
            assertTrue(m.contains(field), "missing " + field + " in " + m);
        }
    }

    @Test
    void cidrsAndLabelPrefixAreChecked() {
        var a = valid().sshCidrs("203.0.113.7/32", "2001:db8::/64").adminCidrs("198.51.100.0/24").build();
        assertEquals(List.of("203.0.113.7/32", "2001:db8::/64"), a.sshCidrs());
        assertTrue(error(valid().adminCidrs("203.0.113.7")).contains("adminCidrs: \"203.0.113.7\""));
        assertTrue(error(valid().labelPrefix("shopdr--x")).contains("labelPrefix"));
        assertTrue(error(valid().labelPrefix("a-very-long-label-prefix-for-a-firewall")).contains("32-character"));
        assertTrue(error(valid().appUser("shopdr_admin")).contains("three different users"));
    }

    @Test
    void errorsNeverContainPasswords() {
        String m = error(valid().adminPassword("hunter2-secret").regions("us-east"));
        assertFalse(m.contains("hunter2"), m);
    }
}
