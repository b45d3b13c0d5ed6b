package io.shopdr.validation;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProblemsTest {
    @Test
    void everyRuleThatFailsIsReportedAtOnceInTheOrderFound() {
        Problems p = new Problems("test arguments");
        assertFalse(Rules.regionId(p, "regions[0]", "US East"));
        assertTrue(Rules.regionId(p, "regions[1]", "de-fra-2"));
        assertFalse(Rules.label(p, "labelPrefix", "shopdr--x", 32));
        assertFalse(Rules.label(p, "labelPrefix", "a-label-that-is-longer-than-32-chars", 32));
        assertFalse(Rules.cidrs(p, "sshCidrs", List.of("203.0.113.7/32", "203.0.113.7")));
        assertFalse(Rules.port(p, "port", 0));
        assertFalse(Rules.positive(p, "probeInterval", Duration.ZERO));
        assertFalse(Rules.notNegative(p, "holdDown", Duration.ofSeconds(-1)));
        assertFalse(Rules.dnsName(p, "domain", "Shop.Example"));
        assertFalse(Rules.atLeast(p, "failureThreshold", 0, 1));
        assertEquals(List.of("regions[0]", "labelPrefix", "labelPrefix", "sshCidrs[1]", "port", "probeInterval", "holdDown",
                "domain", "failureThreshold"), p.list().stream().map(Problem::field).toList());
        InvalidConfigException e = assertThrows(InvalidConfigException.class, p::throwIfAny);
        assertEquals(p.list(), e.problems());
        assertEquals("test arguments", e.subject());
    }

    @Test
    void theMessageIsOneLinePerProblemShapedFieldProblemFix() {
        Problems p = new Problems("stack config");
        p.add("shopdr:domain", "is missing", "pulumi config set shopdr:domain shop.example.com");
        p.add("shopdr:regions", "lists us-east twice", "");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, p::throwIfAny);
        assertEquals("invalid stack config (2 problems):\n"
                + "  - shopdr:domain: is missing; pulumi config set shopdr:domain shop.example.com\n"
                + "  - shopdr:regions: lists us-east twice", e.getMessage());
        assertTrue(e instanceof IllegalArgumentException, "bad input, reported by message");
    }

    @Test
    void noProblemsNoException() {
        Problems p = new Problems("x");
        assertTrue(Rules.cidr(p, "c", "2001:db8::/64") && Rules.port(p, "port", 3306) && Rules.label(p, "l", "shopdr-prod", 32));
        assertTrue(p.isEmpty());
        p.throwIfAny();
    }
}
