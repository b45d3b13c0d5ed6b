package io.shopdr.agent.cli;

import io.shopdr.agent.dns.DnsException;
import io.shopdr.agent.dns.DnsRecord;
import io.shopdr.agent.dns.DnsRecordSwitch;
import io.shopdr.agent.dns.DnsZone;
import io.shopdr.agent.dns.linode.LinodeClient;
import io.shopdr.agent.dns.simulator.LinodeApiSimulator;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
        subcommands = {DnsCommand.Show.class, DnsCommand.Switch.class, DnsCommand.Simulate.class})
public final class DnsCommand implements Runnable {

    /** Exit code when the Linode API refused or failed (bad input and usage errors exit 2). */
    static final int API_FAILURE = 1;

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
    DnsCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: show or switch");
    }

    LinodeClient client(CommandLine commandLine) {
        String token = environment.get("LINODE_TOKEN");
        if (token == null || token.isBlank()) {
            throw new CommandLine.ParameterException(commandLine, "LINODE_TOKEN is not set: export a Linode personal"
                    + " access token with the domains:read_write scope");
        }
        try {
            return LinodeClient.builder().apiUrl(apiUrl).token(token).build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
    }

    /** Runs an API action, turning failures into one line on stderr and an exit code (never a stack trace). */
    static int guarded(CommandLine commandLine, Callable<Integer> action) {
        PrintWriter err = commandLine.getErr();
        try {
            return action.call();
        } catch (CommandLine.ParameterException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            err.println("shopdr dns: " + e.getMessage());
            err.flush();
            return 2;
        } catch (DnsException e) {
            err.println("shopdr dns: " + e.getMessage());
            err.flush();
            return API_FAILURE;
        } catch (Exception e) {
            err.println("shopdr dns: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            err.flush();
            return API_FAILURE;
        }
    }

    private static String addressTypeOrNull(String target) {
        try {
            return DnsRecordSwitch.addressType(target);
        } catch (IllegalArgumentException e) {
            return null;
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

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            LinodeClient client = parent.client(cl);
            return guarded(cl, () -> {
                DnsZone z = client.zone(zone);
                List<DnsRecord> records = client.records(z).stream()
                        .sorted(Comparator.comparing(DnsRecord::name).thenComparing(DnsRecord::type)).toList();
                PrintWriter out = cl.getOut();
                out.printf("zone %s (id %d): %d record(s)%n", z.domain(), z.id(), records.size());
                out.printf("%-10s %-6s %-32s %-40s %s%n", "ID", "TYPE", "NAME", "TARGET", "TTL");
                for (DnsRecord r : records) {
                    out.printf("%-10d %-6s %-32s %-40s %d%n", r.id(), r.type(), display(r.name()), r.target(), r.ttlSec());
                }
                io.shopdr.agent.failover.FailoverPause pause = io.shopdr.agent.failover.FailoverPause.in(records);
                if (pause != null) {
                    out.println(pause.activeAt(java.time.Instant.now()) ? pause.describe() : "expired pause: " + pause.describe());
                }
                out.flush();
                return 0;
            });
        }
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

        @Option(names = "--ttl", defaultValue = "30", description = "TTL in seconds (default: ${DEFAULT-VALUE}).")
        int ttl;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            try {
                DnsRecordSwitch.addressType(target);
                if (ttl < 0) {
                    throw new IllegalArgumentException("--ttl must be >= 0 seconds, got " + ttl);
                }
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
            LinodeClient client = parent.client(cl);
            return guarded(cl, () -> {
                DnsZone z = client.zone(zone);
                DnsRecordSwitch.Result result = new DnsRecordSwitch(client).switchTo(z, name, target, ttl);
                PrintWriter out = cl.getOut();
                PrintWriter err = cl.getErr();
                String fqdn = result.name().isEmpty() ? z.domain() : result.name() + "." + z.domain();
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
                if (result.ttlDiffers()) {
                    err.printf("warning: Linode stored ttl_sec %d for %s %s, not the requested %d%n",
                            result.after().ttlSec(), result.type(), fqdn, ttl);
                }
                for (DnsRecord other : result.otherFamily()) {
                    err.printf("warning: %s %s still points at %s (not switched: different address family)%n",
                            other.type(), fqdn, other.target());
                }
                out.flush();
                err.flush();
                return 0;
            });
        }
    }

    /**
     * {@code shopdr dns simulate}: serves the Linode API SIMULATOR on 127.0.0.1 for rehearsals of {@code dns show}
     * and {@code dns switch} (and of the controller) without a Linode account; LINODE_TOKEN is its one token.
     */
    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = "Serve the in-process Linode API SIMULATOR on 127.0.0.1 (not Linode) for rehearsals.")
    static final class Simulate implements Callable<Integer> {
        @ParentCommand
        DnsCommand parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--port", defaultValue = "8089", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--zone", required = true, description = "Zone to create, e.g. shop.example.com.")
        String zone;

        @Option(names = "--record", description = "Record to create, TYPE:NAME:TARGET (NAME @ for the apex), e.g."
                + " A:www:198.51.100.1; repeatable.")
        List<String> records = new ArrayList<>();

        @Option(names = "--duration", defaultValue = "0", description = "Seconds to serve; 0 = until stopped (Ctrl-C).")
        long durationSeconds;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            String token = parent.environment.get("LINODE_TOKEN");
            if (token == null || token.isBlank()) {
                throw new CommandLine.ParameterException(cl, "LINODE_TOKEN is not set: the simulator accepts exactly"
                        + " that token (with every scope)");
            }
            List<DnsRecord> seed = new ArrayList<>();
            for (String r : records) {
                String[] parts = r.split(":", 3);
                if (parts.length != 3 || parts[0].isBlank() || parts[2].isBlank()) {
                    throw new CommandLine.ParameterException(cl, "--record '" + r + "' is not TYPE:NAME:TARGET, e.g."
                            + " A:www:198.51.100.1 (NAME @ for the apex)");
                }
                String type = parts[0].toUpperCase(java.util.Locale.ROOT);
                // the simulator's direct seeding skips the API's validation; refuse what Linode would refuse
                if ((type.equals("A") || type.equals("AAAA")) && !type.equals(addressTypeOrNull(parts[2]))) {
                    throw new CommandLine.ParameterException(cl, "--record '" + r + "': '" + parts[2] + "' is not an "
                            + (type.equals("A") ? "IPv4" : "IPv6") + " address; an " + type + " record needs one, e.g."
                            + (type.equals("A") ? " A:www:198.51.100.1" : " AAAA:www:2001:db8::1"));
                }
                seed.add(DnsRecord.of(type, parts[1].equals("@") ? "" : parts[1], parts[2], 30));
            }
            try (LinodeApiSimulator sim = LinodeApiSimulator.start(port)) {
                sim.addToken(token.strip(), LinodeApiSimulator.ALL_SCOPES);
                DnsZone z = sim.addZone(zone);
                seed.forEach(r -> sim.addRecord(z, r));
                PrintWriter out = cl.getOut();
                out.printf("Linode API SIMULATOR (not Linode) serving zone %s at %s%n", z.domain(), sim.apiUrl());
                out.printf("try: ./shopdr dns show --zone %s --api-url %s%n", z.domain(), sim.apiUrl());
                out.flush();
                try {
                    if (durationSeconds > 0) {
                        Thread.sleep(Duration.ofSeconds(durationSeconds).toMillis());
                    } else {
                        Thread.currentThread().join();
                    }
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                }
                out.printf("simulator answered %d request(s)%n", sim.requests().size());
                out.flush();
                return 0;
            } catch (java.io.UncheckedIOException e) {
                cl.getErr().println("shopdr dns: " + e.getMessage() + " (" + e.getCause().getMessage()
                        + "); choose another --port");
                return API_FAILURE;
            }
        }
    }
}
