package io.shopdr.components.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.validation.InvalidConfigException;
import io.shopdr.validation.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Missing required connection fields fail as one bad-argument message, like the other Args. */
class DatabaseConnectionArgsTest {
    @Test
    void missingFieldsAreNamedTogetherAsABadArgument() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> DatabaseConnectionArgs.builder().host("10.0.0.5").build());
        assertEquals(List.of("database.user", "database.password"), e.problems().stream().map(Problem::field).toList());
        assertTrue(e.problems().stream().allMatch(p -> p.problem().equals("is required")), e.getMessage());
        assertFalse(e.getMessage().contains("database.host"), e.getMessage());
    }
}
