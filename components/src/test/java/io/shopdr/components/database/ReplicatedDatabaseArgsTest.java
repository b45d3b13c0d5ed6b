package io.shopdr.components.database;

import io.shopdr.validation.InvalidConfigException;
import io.shopdr.validation.Problem;
import java.util.List;
import java.util.Map;
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

    private static List<Problem> problems(ReplicatedDatabaseArgs.Builder b) {
        return assertThrows(InvalidConfigException.class, b::build).problems();
    }

    /** Asserts that {@code problems} holds one for {@code field} whose problem text contains {@code problem}. */
    static void assertProblem(List<Problem> problems, String field, String problem) {
        assertTrue(problems.stream().anyMatch(p -> p.field().equals(field) && p.problem().contains(problem)),
                "no problem '" + problem + "' at " + field + " in " + problems);
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
        assertEquals(Map.of(), com.pulumi.test.PulumiTest.extractValue(a.clientCidrs()), "nothing admitted unless given");
    }

    @Test
    void fewerThanTwoRegionsIsRefusedNamingTheField() {
        assertProblem(problems(valid().regions("us-east")), "regions", "need at least two regions");
        assertProblem(problems(valid().regions(List.of())), "regions", "need at least two regions");
    }

    @Test
    void duplicateRegionIsRefusedNamingTheRegion() {
        assertEquals(List.of(new Problem("regions", "\"us-east\" appears more than once", "list each region once")),
                problems(valid().regions("us-east", "eu-west", "us-east")));
    }

    @Test
    void unknownEngineListsTheAcceptedOnes() {
        assertEquals(List.of(new Problem("engine", "unknown database engine \"postgres-16\"", "use one of mariadb-10.11, mysql-8.4")),
                problems(valid().engine("postgres-16")));
        assertEquals(DatabaseEngine.MYSQL_8_4, valid().engine("mysql-8.4").build().engine());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<Problem> all = problems(ReplicatedDatabaseArgs.builder().regions("us-east", "US East").engine("oracle")
                .sshCidrs("0.0.0.0/99").databaseName("shop-db").port(0));
        assertEquals(List.of("regions[1]", "engine", "databaseName", "adminPassword", "replicationPassword", "appPassword",
                "port", "sshCidrs[0]"), all.stream().map(Problem::field).toList());
        assertProblem(all, "regions[1]", "\"US East\" is not a Linode region id");
        assertProblem(all, "sshCidrs[0]", "'0.0.0.0/99' has an IPv4 prefix length above 32");
        assertProblem(all, "adminPassword", "is required");
        assertProblem(all, "replicationPassword", "is required");
        assertProblem(all, "appPassword", "is required");
    }

    @Test
    void cidrsAndLabelPrefixAreChecked() {
        var a = valid().sshCidrs("203.0.113.7/32", "2001:db8::/64").adminCidrs("198.51.100.0/24").build();
        assertEquals(List.of("203.0.113.7/32", "2001:db8::/64"), a.sshCidrs());
        assertProblem(problems(valid().adminCidrs("203.0.113.7")), "adminCidrs[0]", "'203.0.113.7' is not a CIDR block");
        assertProblem(problems(valid().labelPrefix("shopdr--x")), "labelPrefix", "is not a Linode label");
        assertProblem(problems(valid().labelPrefix("a-very-long-label-prefix-for-a-firewall")), "labelPrefix", "32-character");
        assertProblem(problems(valid().labelPrefix("shopdr-staging-db-label")), "labelPrefix", "32-character firewall label");
        assertProblem(problems(valid().appUser("shopdr_admin")), "adminUser/replicationUser/appUser", "three different users");
    }

    @Test
    void errorsNeverContainPasswords() {
        String m = assertThrows(InvalidConfigException.class, valid().adminPassword("hunter2-secret").regions("us-east")::build)
                .getMessage();
        assertFalse(m.contains("hunter2"), m);
    }
}
