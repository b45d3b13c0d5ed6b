package io.shopdr.components.database;

import io.shopdr.validation.Problems;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The database engines ReplicatedDatabase can install, named as in stack config and the stack outputs
 * ({@code mariadb-10.11}, {@code mysql-8.4}); their replication settings differ, so rendering branches on it.
 */
public enum DatabaseEngine {
    /** MariaDB 10.11 LTS from Debian 12's own packages (GTID always on, strict mode by setting). */
    MARIADB_10_11("mariadb-10.11"),
    /** MySQL 8.4 LTS from Oracle's APT repository (gtid_mode, super_read_only). */
    MYSQL_8_4("mysql-8.4");

    private final String id;

    DatabaseEngine(String id) {
        this.id = id;
    }

    /** The identifier used in config and outputs, e.g. {@code mariadb-10.11}. */
    public String id() {
        return id;
    }

    /** Whether this is a MariaDB engine (its replication SQL and settings differ from MySQL's). */
    public boolean isMariaDb() {
        return this == MARIADB_10_11;
    }

    /** Parses an engine identifier; null (with a problem naming the field and the accepted values) when unknown. */
    public static DatabaseEngine parse(Problems problems, String field, String id) {
        for (DatabaseEngine e : values()) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        problems.add(field, "unknown database engine \"" + id + "\"", "use one of "
                + Arrays.stream(values()).map(DatabaseEngine::id).collect(Collectors.joining(", ")));
        return null;
    }

    @Override
    public String toString() {
        return id;
    }
}
