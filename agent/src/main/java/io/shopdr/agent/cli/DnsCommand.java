package io.shopdr.agent.cli;

import io.shopdr.agent.dns.DnsRecordSwitch;
import io.shopdr.agent.failover.FailoverPause;
import io.shopdr.agent.linode.LinodeApiException;
import io.shopdr.agent.linode.LinodeClient;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code shopdr dns}: shows a zone's records and switches a name to another address through the Linode API, the same
 * client and {@link DnsRecordSwitch} the failover controller uses. The token comes only from {@code LINODE_TOKEN}
 * (never a flag, so it stays out of shell history and process lists).
 */
@Command(name = "dns", mixinStandardHelpOptions = true,
        description = "Show and switch the shop's Linode DNS records (token from LINODE_TOKEN).",
        subcommands = {DnsCommand.Show.class, DnsCommand.Switch.class})
public final class DnsCommand implements Runnable {

    private final Map<String, String> environment;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--api-url", defaultValue = "https://api.linode.com/v4", scope = CommandLine.ScopeType.INHERIT,
            description = "Linode API base URL (default: ${DEFAULT-VALUE}).")
    String apiUrl;

    public DnsCommand() {
        this(System.getenv());
    }

    /** For tests: the environment to read {@code LINODE_TOKEN} from. */
    public DnsCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The {@code LINODE_TOKEN} this command was started with, or null when it is unset or blank. */
    public String linodeToken() {
        String token = environment.get("LINODE_TOKEN");
        return token == null || token.isBlank() ? null : token;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: show or switch");
    }

    LinodeClient client(CommandLine commandLine) {
        String token = SecretVariable.LINODE_TOKEN.read(commandLine, environment::get, "scope domains:read_write");
        try {
            return LinodeClient.builder().apiUrl(apiUrl).token(token).build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
    }

    /**
     * Runs an API action, turning the API's refusals into one line on stderr (and the JSON document with
     * {@code --json}) and {@link ExitCode#FAILED}, bad input into {@link ExitCode#USAGE}; anything else is an internal
     * error for {@link InternalErrorHandler}.
     */
    static int guarded(CommandLine commandLine, boolean json, Callable<Integer> action) throws Exception {
        try {
            return action.call();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage(), e, null, null);
        } catch (LinodeApiException e) {
            PrintWriter err = commandLine.getErr();
            err.println("shopdr dns: " + e.getMessage());
            err.flush();
            if (json) {
                commandLine.getOut().println(ReplicationCommand.json(Map.of("ok", false, "error", e.getMessage())));
                commandLine.getOut().flush();
            }
            return ExitCode.FAILED.code();
        }
    }

    static String display(String name) {
        return name.isEmpty() ? "@" : name;
    }

    /** {@code shopdr dns show}: prints every record of the zone. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print every record of a zone.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        DnsCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--zone", required = true, description = "The zone (Linode domain), e.g. shop.example.com.")
        String zone;

        @Option(names = "--json", description = "Print one JSON document (zone, records) on stdout.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            CommandLine cl = spec.commandLine();
            LinodeClient client = parent.client(cl);
            return guarded(cl, json, () -> {
                DnsZone z = client.zone(zone);
                List<DnsRecord> records = client.records(z).stream()
                        .sorted(Comparator.comparing(DnsRecord::name).thenComparing(DnsRecord::type)).toList();
                FailoverPause pause = FailoverPause.in(records);
                boolean paused = pause != null && pause.activeAt(Instant.now());
                PrintWriter out = cl.getOut();
                if (json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("ok", true);
                    doc.put("zone", z.domain());
                    doc.put("zoneId", z.id());
                    doc.put("records", records.stream().map(DnsCommand::recordJson).toList());
                    doc.put("pause", pause);
                    doc.put("paused", paused);
                    out.println(ReplicationCommand.json(doc));
                    out.flush();
                    return ExitCode.OK.code();
                }
                out.printf("zone %s (id %d): %d record(s)%n", z.domain(), z.id(), records.size());
                out.printf("%-10s %-6s %-32s %-40s %s%n", "ID", "TYPE", "NAME", "TARGET", "TTL");
                for (DnsRecord r : records) {
                    out.printf("%-10d %-6s %-32s %-40s %d%n", r.id(), r.type(), display(r.name()), r.target(), r.ttlSec());
                }
                if (pause != null) out.println(paused ? pause.describe() : "expired pause: " + pause.describe());
                out.flush();
                return ExitCode.OK.code();
            });
        }
    }

    private static Map<String, Object> recordJson(DnsRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("type", r.type());
        m.put("name", display(r.name()));
        m.put("target", r.target());
        m.put("ttlSec", r.ttlSec());
        return m;
    }

    /** {@code shopdr dns switch}: points a name at a new address. */
    @Command(name = "switch", mixinStandardHelpOptions = true,
            description = "Point a name's A (or AAAA) record at a new address; creates it when missing.")
    static final class Switch implements Callable<Integer> {
        @ParentCommand
        DnsCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--zone", required = true, description = "The zone (Linode domain), e.g. shop.example.com.")
        String zone;

        @Option(names = "--name", required = true, description = "Record name relative to the zone; @ for the apex.")
        String name;

        @Option(names = "--target", required = true, description = "The new IPv4 (A) or IPv6 (AAAA) address.")
        String target;

        @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
                description = "The record's TTL, whole seconds (default: ${DEFAULT-VALUE}).")
        Duration ttlDuration;

        @Option(names = "--json", description = "Print one JSON document (before, after, warnings) on stdout.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            CommandLine cl = spec.commandLine();
            if (ttlDuration.toMillis() % 1000 != 0 || ttlDuration.toSeconds() > Integer.MAX_VALUE) {
                throw new CommandLine.ParameterException(cl, "--ttl " + DurationConverter.format(ttlDuration)
                        + " is not a whole number of seconds; DNS TTLs are seconds, e.g. 30s");
            }
            int ttl = (int) ttlDuration.toSeconds();
            try {
                DnsRecordSwitch.addressType(target);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
            LinodeClient client = parent.client(cl);
            return guarded(cl, json, () -> {
                DnsZone z = client.zone(zone);
                DnsRecordSwitch.Result result = new DnsRecordSwitch(client).switchTo(z, name, target, ttl);
                PrintWriter out = cl.getOut();
                PrintWriter err = cl.getErr();
                String fqdn = result.name().isEmpty() ? z.domain() : result.name() + "." + z.domain();
                List<String> warnings = new ArrayList<>();
                if (result.ttlDiffers()) {
                    warnings.add(String.format("Linode stored ttl_sec %d for %s %s, not the requested %d",
                            result.after().ttlSec(), result.type(), fqdn, ttl));
                }
                for (DnsRecord other : result.otherFamily()) {
                    warnings.add(String.format("%s %s still points at %s (not switched: different address family)",
                            other.type(), fqdn, other.target()));
                }
                if (json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("ok", true);
                    doc.put("zone", z.domain());
                    doc.put("name", fqdn);
                    doc.put("type", result.type());
                    doc.put("changed", result.changed());
                    doc.put("before", result.before().stream().map(DnsCommand::recordJson).toList());
                    doc.put("after", recordJson(result.after()));
                    doc.put("warnings", warnings);
                    out.println(ReplicationCommand.json(doc));
                    out.flush();
                    return ExitCode.OK.code();
                }
                if (!result.changed()) {
                    out.printf("unchanged: %s %s already points at %s (ttl %d)%n", result.type(), fqdn, target,
                            result.after().ttlSec());
                } else if (result.before().isEmpty()) {
                    out.printf("created %s %s -> %s (ttl %d)%n", result.type(), fqdn, result.after().target(),
                            result.after().ttlSec());
                } else {
                    out.printf("switched %s %s: %s -> %s (ttl %d)%n", result.type(), fqdn,
                            result.before().get(0).target(), result.after().target(), result.after().ttlSec());
                    if (result.before().size() > 1) {
                        out.printf("removed %d duplicate %s record(s) of %s%n", result.before().size() - 1,
                                result.type(), fqdn);
                    }
                }
                warnings.forEach(w -> err.println("warning: " + w));
                out.flush();
                err.flush();
                return ExitCode.OK.code();
            });
        }
    }
}
