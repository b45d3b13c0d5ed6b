package io.shopdr.components.region;

import io.shopdr.validation.InvalidConfigException;
import io.shopdr.validation.Problems;

/**
 * Turns a mirror interval in minutes into a Kubernetes CronJob schedule. Only intervals that divide an hour or a
 * day are exact as cron expressions, so other values are refused rather than silently drifting.
 */
public final class MirrorSchedule {
    private MirrorSchedule() {}

    /** Records a problem at {@code field} unless {@code minutes} is an interval a cron schedule repeats exactly. */
    public static boolean check(Problems problems, String field, int minutes) {
        if (minutes < AssetsArgs.MIN_INTERVAL_MINUTES || minutes > AssetsArgs.MAX_INTERVAL_MINUTES) {
            problems.add(field, "is " + minutes + " minutes", "use a value between "
                    + AssetsArgs.MIN_INTERVAL_MINUTES + " and " + AssetsArgs.MAX_INTERVAL_MINUTES);
            return false;
        }
        return problems.require(schedule(minutes) != null, field, "is " + minutes + " minutes, which a cron schedule "
                + "cannot repeat evenly", "use a divisor of 60 (5, 10, 15, 20, 30) or whole hours dividing 24 (60, 120, "
                + "180, 240, 360, 480, 720, 1440)");
    }

    /**
     * @param field   the config field, for the error message
     * @param minutes the interval
     * @return a cron expression, e.g. {@code *}{@code /15 * * * *}
     * @throws InvalidConfigException naming the field and the allowed values
     */
    public static String cron(String field, int minutes) {
        Problems problems = new Problems("mirror interval");
        check(problems, field, minutes);
        problems.throwIfAny();
        return schedule(minutes);
    }

    /** The cron expression of an in-bounds interval; null when cron cannot repeat it evenly. */
    private static String schedule(int minutes) {
        if (minutes < 60 && 60 % minutes == 0) {
            return "*/" + minutes + " * * * *";
        }
        if (minutes == 60) {
            return "0 * * * *";
        }
        if (minutes % 60 == 0 && 24 % (minutes / 60) == 0) {
            int hours = minutes / 60;
            return hours == 24 ? "0 0 * * *" : "0 */" + hours + " * * *";
        }
        return null;
    }
}
