package io.shopdr.components.region;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MirrorScheduleTest {
    @Test
    void divisorsOfAnHourAndADayBecomeCron() {
        assertEquals("*/5 * * * *", MirrorSchedule.cron("f", 5));
        assertEquals("*/15 * * * *", MirrorSchedule.cron("f", 15));
        assertEquals("0 * * * *", MirrorSchedule.cron("f", 60));
        assertEquals("0 */6 * * *", MirrorSchedule.cron("f", 360));
        assertEquals("0 0 * * *", MirrorSchedule.cron("f", 1440));
    }

    @Test
    void outOfBoundsAndUnevenIntervalsAreRefusedNamingTheField() {
        var low = assertThrows(IllegalArgumentException.class, () -> MirrorSchedule.cron("assets.interval", 4));
        assertTrue(low.getMessage().startsWith("assets.interval is 4 minutes"), low.getMessage());
        var high = assertThrows(IllegalArgumentException.class, () -> MirrorSchedule.cron("assets.interval", 2880));
        assertTrue(high.getMessage().contains("between 5 and 1440"), high.getMessage());
        var uneven = assertThrows(IllegalArgumentException.class, () -> MirrorSchedule.cron("assets.interval", 45));
        assertTrue(uneven.getMessage().contains("cannot repeat evenly"), uneven.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MirrorSchedule.cron("f", 300));
    }
}
