package io.shopdr.validation;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules several configurations share, each recording a {@link Problem} (field, what is wrong, the fix) in a
 * {@link Problems} instead of throwing, and returning whether the value passed. One definition each: a Linode region
 * id, a Linode label, a CIDR block, a TCP port, a duration, a DNS name.
 */
public final class Rules {
    /** Syntax of a Linode region id: {@code us-east}, {@code gb-lon}, {@code de-fra-2}. */
    public static final Pattern REGION_ID = Pattern.compile("[a-z]{2}-[a-z]+(-[0-9]+)?");
    /** A lowercase DNS name of at least two labels, e.g. {@code shop.example.com}. */
    public static final Pattern DNS_NAME = Pattern.compile("(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    /** A Linode label: letters and digits, single '-', '_' or '.' between them, a letter or digit at both ends. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([-_.]?[A-Za-z0-9])*");

    private Rules() {}

    /** A Linode region id (syntax only; which regions offer what is the caller's rule). */
    public static boolean regionId(Problems problems, String field, String value) {
        return problems.require(value != null && REGION_ID.matcher(value).matches(), field,
                "\"" + value + "\" is not a Linode region id", "use an id like us-east or eu-west (linode-cli regions list)");
    }

    /** A Linode label of at most {@code maxLength} characters. */
    public static boolean label(Problems problems, String field, String value, int maxLength) {
        if (!problems.require(value != null && LABEL.matcher(value).matches(), field,
                "\"" + value + "\" is not a Linode label",
                "use letters and digits with single '-', '_' or '.' between them, starting and ending with a letter or digit")) {
            return false;
        }
        return problems.require(value.length() <= maxLength, field,
                "\"" + value + "\" is longer than Linode's " + maxLength + "-character label limit", "use a shorter one");
    }

    /** A CIDR block ({@code address/prefix}); see {@link Cidr#parse}. */
    public static boolean cidr(Problems problems, String field, String value) {
        try {
            Cidr.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            problems.add(field, e.getMessage(),
                    "write address/prefix, e.g. 203.0.113.7/32 or 2001:db8::/64");
            return false;
        }
    }

    /** Every element a CIDR block; each problem names its index, e.g. {@code sshCidrs[1]}. */
    public static boolean cidrs(Problems problems, String field, List<String> values) {
        if (!problems.require(values != null, field, "is null", "pass an empty list for none")) return false;
        boolean ok = true;
        for (int i = 0; i < values.size(); i++) {
            ok &= cidr(problems, field + "[" + i + "]", values.get(i));
        }
        return ok;
    }

    /** A TCP port, 1-65535. */
    public static boolean port(Problems problems, String field, int value) {
        return problems.require(value >= 1 && value <= 65535, field, value + " is not a TCP port", "use 1-65535");
    }

    /** A duration above zero. */
    public static boolean positive(Problems problems, String field, Duration value) {
        return problems.require(value != null && !value.isZero() && !value.isNegative(), field,
                "must be a positive duration, got " + value, "give a duration above zero");
    }

    /** A duration of zero or more. */
    public static boolean notNegative(Problems problems, String field, Duration value) {
        return problems.require(value != null && !value.isNegative(), field,
                "must be zero or a positive duration, got " + value, "give zero or more");
    }

    /** A whole number of at least {@code min}. */
    public static boolean atLeast(Problems problems, String field, long value, long min) {
        return problems.require(value >= min, field, "must be at least " + min + ", got " + value, "");
    }

    /** A lowercase DNS name such as {@code shop.example.com}. */
    public static boolean dnsName(Problems problems, String field, String value) {
        return problems.require(value != null && DNS_NAME.matcher(value).matches(), field,
                "\"" + value + "\" is not a lowercase DNS name", "write one like shop.example.com");
    }
}
