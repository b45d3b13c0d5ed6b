package io.shopdr.program;

import com.pulumi.Config;
import com.pulumi.Context;
import com.pulumi.core.Output;
import java.util.List;
import java.util.Map;
import io.shopdr.components.database.ReplicatedDatabase;
import io.shopdr.components.database.ReplicatedDatabaseArgs;
import io.shopdr.components.region.DatabaseConnectionArgs;

/**
 * The program's database layer: declares the {@link ReplicatedDatabase} (one self-managed server per region) from
 * the stack config and tells each region's store how to reach <b>its own region's</b> server — over the region's
 * private network, with the application user whose password stays a Pulumi secret.
 */
final class DatabaseWiring {
    private final ReplicatedDatabase database;
    private final ReplicatedDatabaseArgs args;

    private DatabaseWiring(ReplicatedDatabase database, ReplicatedDatabaseArgs args) {
        this.database = database;
        this.args = args;
    }

    /**
     * @param clientCidrs each region's cluster node addresses, admitted on the database port (declared after the clusters,
     *                    which need this wiring first: see {@link App})
     */
    static DatabaseWiring declare(StackSettings settings, Config config, Output<Map<String, List<String>>> clientCidrs) {
        ReplicatedDatabaseArgs args = ReplicatedDatabaseArgs.builder()
                .regions(settings.regions())
                .engine(settings.dbEngine())
                .instanceType(settings.dbInstanceType())
                .backups(settings.dbBackups())
                .clientCidrs(clientCidrs)
                .adminCidrs(settings.dbAdminCidrs())
                .adminPassword(config.requireSecret("dbAdminPassword"))
                .replicationPassword(config.requireSecret("dbReplicationPassword"))
                .appPassword(config.requireSecret("dbAppPassword"))
                .build();
        return new DatabaseWiring(new ReplicatedDatabase("db", args), args);
    }

    /** The component, for FailoverDns (credentials and firewall ids for the controllers). */
    ReplicatedDatabase database() {
        return database;
    }

    /** How the store in {@code region} reaches that region's database. */
    DatabaseConnectionArgs connectionFor(String region) {
        var endpoint = database.endpoints().applyValue(m -> m.get(region));
        return DatabaseConnectionArgs.builder()
                .host(endpoint.applyValue(e -> e.privateIp()))
                .port(endpoint.applyValue(e -> e.port()))
                .name(args.databaseName())
                .user(args.appUser())
                .password(args.appPassword())
                .caCertificate(database.caCertificate())
                .build();
    }

    /** Exports the {@code database} stack output (contracts.md); it holds passwords, so it is a secret. */
    void export(Context ctx) {
        ctx.export("database", database.database().asSecret());
    }
}
