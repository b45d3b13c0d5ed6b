package io.shopdr.drill;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrillLockTest {
    @Test
    void secondDrillIsRefusedUntilTheFirstReleases(@TempDir Path dir) {
        Path file = dir.resolve("drill.lock");
        try (DrillLock first = DrillLock.acquire(file)) {
            DrillException e = assertThrows(DrillException.class, () -> DrillLock.acquire(file));
            assertTrue(e.getMessage().contains("already running"), e.getMessage());
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        }
        DrillLock.acquire(file).close();
    }
}
