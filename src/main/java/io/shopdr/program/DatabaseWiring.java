package io.shopdr.program;

import com.pulumi.Config;
import com.pulumi.Context;
import com.pulumi.core.Output;
import io.shopdr.components.region.DatabaseConnectionArgs;

/**
 * The program's seam to the database layer: declares the regional databases and tells each region's store how to
 * reach its own one.
 *
 * <p>SEAM (issue #5): ReplicatedDatabase is not on main yet. Until it is, no database resource is declared, the
 * {@code database} stack output is not exported, and each region's store is pointed at the placeholder host
 * {@code pending-replicated-database.<region>} so the snapshot shows exactly where the wiring goes.
 */
final class DatabaseWiring {
    private final Output<String> appPassword;

    private DatabaseWiring(Output<String> appPassword) {
        this.appPassword = appPassword;
    }

    static DatabaseWiring declare(Context ctx, StackSettings settings, Config config) {
        return new DatabaseWiring(config.requireSecret("dbAppPassword"));
    }

    /** How the store in {@code region} reaches that region's database. */
    DatabaseConnectionArgs connectionFor(String region) {
        return DatabaseConnectionArgs.builder()
                .host("pending-replicated-database." + region)
                .port(3306)
                .name("shop")
                .user("shop")
                .password(appPassword)
                .build();
    }

    /** Exports the {@code database} stack output (contracts.md) once the database exists. */
    void export(Context ctx) {
        // Nothing to export until ReplicatedDatabase is declared (see class javadoc).
    }
}
