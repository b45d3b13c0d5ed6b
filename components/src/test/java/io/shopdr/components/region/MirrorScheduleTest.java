package io.shopdr.components.region;

import io.shopdr.validation.InvalidConfigException;
import io.shopdr.validation.Problem;
import java.util.List;
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
        var low = assertThrows(InvalidConfigException.class, () -> MirrorSchedule.cron("assets.interval", 4));
        assertEquals(List.of(new Problem("assets.interval", "is 4 minutes", "use a value between 5 and 1440")), low.problems());
        var high = assertThrows(InvalidConfigException.class, () -> MirrorSchedule.cron("assets.interval", 2880));
        assertEquals("use a value between 5 and 1440", high.problems().get(0).fix());
        var uneven = assertThrows(InvalidConfigException.class, () -> MirrorSchedule.cron("assets.interval", 45));
        assertEquals("assets.interval", uneven.problems().get(0).field());
        assertTrue(uneven.problems().get(0).problem().contains("cannot repeat evenly"), uneven.getMessage());
        assertThrows(InvalidConfigException.class, () -> MirrorSchedule.cron("f", 300));
    }
}
