package io.shopdr.components.region;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Missing required connection fields fail as one bad-argument message, like the other Args. */
class DatabaseConnectionArgsTest {
    @Test
    void missingFieldsAreNamedTogetherAsABadArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatabaseConnectionArgs.builder().host("10.0.0.5").build());
        assertTrue(e.getMessage().contains("database.user is required"), e.getMessage());
        assertTrue(e.getMessage().contains("database.password is required"), e.getMessage());
        assertFalse(e.getMessage().contains("database.host"), e.getMessage());
    }
}
