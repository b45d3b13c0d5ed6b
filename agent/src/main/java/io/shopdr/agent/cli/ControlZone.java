package io.shopdr.agent.cli;

import io.shopdr.agent.dns.DnsException;
import io.shopdr.agent.dns.DnsZone;
import io.shopdr.agent.dns.linode.LinodeClient;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options and connection of the commands that write the shop zone's control records ({@code pause},
 * {@code resume}, {@code failover --accept-loss}): the zone, the Linode API URL and the token from
 * {@code LINODE_TOKEN}; failures are one line on stderr with exit code 1, usage errors exit 2.
 */
final class ControlZone {
    @Option(names = "--zone", required = true, description = "The shop's zone (Linode domain), e.g. shop.example.com.")
    String zone;

    @Option(names = "--api-url", defaultValue = "https://api.linode.com/v4", description = "Linode API base URL (default: ${DEFAULT-VALUE}).")
    String apiUrl;

    /** What a command does with the client and the zone; returns the exit code. */
    interface Action {
        int run(LinodeClient client, DnsZone zone);
    }

    int run(CommandLine cl, Map<String, String> env, String command, Action action) {
        LinodeClient client = ControllerCommand.linodeClient(cl, env, apiUrl);
        PrintWriter err = cl.getErr();
        try {
            return action.run(client, client.zone(zone));
        } catch (DnsException e) {
            err.println("shopdr " + command + ": " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** Who the records name as having acted: the operator's login. */
    static String operator() {
        return "operator " + System.getProperty("user.name", "unknown");
    }
}
