package io.shopdr.agent.cli;

import io.shopdr.agent.storefront.StoreDatabase;
import io.shopdr.agent.storefront.Storefront;
import io.shopdr.agent.storefront.StorefrontException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shopdr storefront}: serves the reference store (the drill's {@link Storefront}: {@code POST /orders},
 * {@code GET /orders/{id}}, {@code GET /healthz}) against one region's database, so a deployment can run the same
 * shop the drill measures. The application user's password comes only from {@code SHOPDR_DB_APP_PASSWORD}.
 */
@Command(name = "storefront", mixinStandardHelpOptions = true,
        description = "Serve the reference store against a region's database (password from SHOPDR_DB_APP_PASSWORD).")
public final class StorefrontCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--region", required = true, description = "The region this store serves, e.g. us-east.")
    String region;

    @Option(names = "--listen", defaultValue = "0.0.0.0:8080", description = "HOST:PORT to serve on (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--db-host", required = true, description = "The region's database host.")
    String dbHost;

    @Option(names = "--db-port", defaultValue = "3306", description = "The region's database port (default: ${DEFAULT-VALUE}).")
    int dbPort;

    @Option(names = "--db-name", defaultValue = Storefront.SCHEMA, description = "The schema orders go to (default: ${DEFAULT-VALUE}).")
    String dbName;

    @Option(names = "--db-user", defaultValue = Storefront.APP_USER, description = "The database user (default: ${DEFAULT-VALUE}); its password comes from SHOPDR_DB_APP_PASSWORD.")
    String dbUser;

    @Option(names = "--db-ca", paramLabel = "FILE", description = "PEM CA the database's certificate must chain to: TLS verified against it (the program's app user requires TLS).")
    java.nio.file.Path dbCa;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
            description = "How long to serve, e.g. 10m; 0s = until stopped (default: ${DEFAULT-VALUE}).")
    Duration duration;

    public StorefrontCommand() {
        this(System.getenv());
    }

    /** For tests: the environment the password is read from. */
    StorefrontCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        String password = SecretVariable.DB_APP_PASSWORD.read(cl, environment::get, "user " + dbUser);
        int colon = listen.lastIndexOf(':');
        int port = -1;
        try {
            port = colon < 1 ? -1 : Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException ignored) {
            // reported below
        }
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(cl, "--listen '" + listen + "' is not HOST:PORT, e.g. 0.0.0.0:8080");
        }
        try (Storefront shop = Storefront.start(region, new InetSocketAddress(listen.substring(0, colon), port),
                new StoreDatabase(dbHost, dbPort, dbName, dbUser, password, java.util.Optional.ofNullable(dbCa)))) {
            cl.getOut().printf("storefront for %s serving on %s:%d%n", region, shop.address().getHostString(),
                    shop.address().getPort());
            cl.getOut().flush();
            if (!duration.isZero()) {
                Thread.sleep(duration.toMillis());
            } else {
                Thread.currentThread().join();
            }
            return ExitCode.OK.code();
        } catch (StorefrontException e) {
            cl.getErr().println("shopdr storefront: " + e.getMessage());
            return ExitCode.FAILED.code();
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return ExitCode.OK.code();
        }
    }
}
