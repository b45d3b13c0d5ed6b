package io.shopdr.agent.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape of a real {@code /metrics} endpoint, parsed from the Prometheus text exposition format into series
 * ({@code name{label="value",…}}, labels as the server wrote them) and their values, plus the {@code # TYPE} lines.
 */
record Exposition(String body, Map<String, Double> series, Map<String, String> types) {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)$");
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$");

    /** GETs {@code /metrics} from {@code port} on loopback and parses the answer (asserting 200 and the text format). */
    static Exposition scrape(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                r.headers().toString());
        return parse(r.body());
    }

    static Exposition parse(String body) {
        Map<String, Double> series = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            Matcher t = TYPE.matcher(line);
            if (t.matches()) {
                types.put(t.group(1), t.group(2));
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) continue;
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) throw new AssertionError("not an exposition sample line: '" + line + "'");
            series.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return new Exposition(body, series, types);
    }

    /** The value of one series, failing with the whole scrape when it is absent. */
    double value(String series) {
        Double v = this.series.get(series);
        if (v == null) throw new AssertionError("no series " + series + " in\n" + body);
        return v;
    }

    boolean has(String series) {
        return this.series.containsKey(series);
    }

    /** Whether any series of metric {@code name} (with any labels) was exposed. */
    boolean hasMetric(String name) {
        return series.keySet().stream().anyMatch(s -> s.equals(name) || s.startsWith(name + "{"));
    }
}
