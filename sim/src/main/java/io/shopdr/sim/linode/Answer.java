package io.shopdr.sim.linode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** One answer of the simulated API: status, JSON body, extra headers. */
record Answer(int status, JsonNode body, Map<String, String> headers) {
    Answer(int status, JsonNode body) {
        this(status, body, Map.of());
    }
}
