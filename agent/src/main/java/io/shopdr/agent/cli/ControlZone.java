package io.shopdr.agent.cli;

import io.shopdr.agent.linode.LinodeApiException;
import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.linode.dns.DnsZone;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options and connection of the commands that write the shop zone's control records ({@code pause},
 * {@code resume}, {@code failover --accept-loss}): the zone, the Linode API URL, the token from
 * {@link SecretVariable#LINODE_TOKEN} and {@code --json}; a Linode API failure is one line on stderr (or
 * {@code "ok": false} with {@code --json}) and {@link ExitCode#FAILED}.
 */
final class ControlZone {
    @Option(names = "--zone", required = true, description = "The shop's zone (Linode domain), e.g. shop.example.com.")
    String zone;

    @Option(names = "--api-url", defaultValue = "https://api.linode.com/v4", description = "Linode API base URL (default: ${DEFAULT-VALUE}).")
    String apiUrl;

    @Option(names = "--json", description = "Print the result as one JSON document on stdout.")
    boolean json;

    /** What a command did: its exit code, the line(s) for a person, the fields of its JSON document. */
    record Result(ExitCode code, String text, Map<String, Object> fields) {}

    /** What a command does with the client and the zone. */
    interface Action {
        Result run(LinodeClient client, DnsZone zone);
    }

    /** Runs {@code action} against the zone and prints its result (text: stdout when OK, else stderr). */
    int run(CommandLine cl, Map<String, String> env, String command, Action action) {
        LinodeClient client = ControllerCommand.linodeClient(cl, env, apiUrl);
        Result result;
        try {
            result = action.run(client, client.zone(zone));
        } catch (LinodeApiException e) {
            result = new Result(ExitCode.FAILED, e.getMessage(), Map.of("error", e.getMessage()));
        }
        boolean ok = result.code() == ExitCode.OK;
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("ok", ok);
            doc.put("zone", zone);
            doc.putAll(result.fields());
            print(cl.getOut(), ReplicationCommand.json(doc));
        } else {
            print(ok ? cl.getOut() : cl.getErr(), ok ? result.text() : "shopdr " + command + ": " + result.text());
        }
        return result.code().code();
    }

    private static void print(PrintWriter w, String text) {
        w.println(text);
        w.flush();
    }

    /** Who the records name as having acted: the operator's login. */
    static String operator() {
        return "operator " + System.getProperty("user.name", "unknown");
    }
}
