package io.shopdr.components.region;

/**
 * Turns a mirror interval in minutes into a Kubernetes CronJob schedule. Only intervals that divide an hour or a
 * day are exact as cron expressions, so other values are refused rather than silently drifting.
 */
public final class MirrorSchedule {
    private MirrorSchedule() {}

    /**
     * @param field   the config field, for the error message
     * @param minutes the interval
     * @return a cron expression, e.g. {@code *}{@code /15 * * * *}
     * @throws IllegalArgumentException naming the field and the allowed values
     */
    public static String cron(String field, int minutes) {
        if (minutes < AssetsArgs.MIN_INTERVAL_MINUTES || minutes > AssetsArgs.MAX_INTERVAL_MINUTES) {
            throw new IllegalArgumentException(field + " is " + minutes + " minutes; use a value between "
                    + AssetsArgs.MIN_INTERVAL_MINUTES + " and " + AssetsArgs.MAX_INTERVAL_MINUTES);
        }
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
        throw new IllegalArgumentException(field + " is " + minutes + " minutes, which a cron schedule cannot repeat "
                + "evenly; use a divisor of 60 (5, 10, 15, 20, 30) or whole hours dividing 24 (60, 120, 180, 240, "
                + "360, 480, 720, 1440)");
    }
}
