package io.shopdr.components.database;

import io.shopdr.components.CloudConfig;
import io.shopdr.components.CloudConfig.File;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Renders the cloud-init user data of one region's database server: a pure function of a
 * {@link DatabaseServerSpec}, so every setting that matters for replication is unit-tested.
 *
 * <p>What the server gets: the engine (MariaDB 10.11 from Debian, MySQL 8.4 LTS from Oracle's APT
 * repository), a config with a per-region {@code server_id}, ROW binlog, GTIDs, replica updates logged,
 * TLS from the deployment's private CA, and {@code read_only} (+ {@code super_read_only} on MySQL) unless it
 * is the primary; then the bootstrap users, created with {@code sql_log_bin=0} after the binary log was reset,
 * so no server starts with a transaction the others lack (strict GTID would refuse to replicate it).
 *
 * <p>Where secrets go: only into {@code write_files} entries with mode {@code 0600} owned by root (cloud-init
 * logs file paths and sizes, never contents). The bootstrap script takes no secret as an argument, runs
 * without {@code set -x}, feeds SQL to the client on stdin over the root socket (no password at all), and
 * shreds the SQL file afterwards. On MariaDB the SQL holds only password hashes
 * ({@code IDENTIFIED BY PASSWORD '*…'}), so no plaintext password is on the instance at all; MySQL 8.4's
 * {@code caching_sha2_password} hash is salted per server, so there the plaintext sits in the 0600 file until
 * it is shredded. The user data itself stays readable by root through Linode's metadata service; the TLS
 * server key is there for the same reason (and is installed 0600 for the database user).
 */
public final class DatabaseCloudInit {
    /** rpl_semi_sync_master_timeout in the rendered my.cnf: the agent's ConfigureOptions.DEFAULT_SEMI_SYNC_TIMEOUT. */
    static final long SEMI_SYNC_TIMEOUT_MS = 20_000;

    /** Directory the rendered files land in before the bootstrap script installs them. */
    static final String STAGING = "/etc/shopdr/db";
    /** Where the server reads its TLS material. */
    static final String TLS_DIR = "/etc/mysql/shopdr-tls";
    static final String BOOTSTRAP_SCRIPT = "/usr/local/sbin/shopdr-db-bootstrap";
    static final String BOOTSTRAP_SQL = STAGING + "/bootstrap.sql";
    static final String DONE_MARKER = "/var/lib/shopdr/db-bootstrapped";

    private DatabaseCloudInit() {}

    /** The {@code #cloud-config} document for this server (plain text; base64 it for Linode's metadata). */
    public static String render(DatabaseServerSpec spec) {
        return CloudConfig.render("shopdr database server: region " + spec.region() + ", engine " + spec.engine().id()
                + ", starts as " + (spec.primary() ? "primary" : "replica") + ", server_id " + serverId(spec.region()),
                files(spec), BOOTSTRAP_SCRIPT);
    }

    /** The files written to the instance, in order. Secrets are only in files with mode 0600. */
    static List<File> files(DatabaseServerSpec spec) {
        List<File> files = new ArrayList<>();
        files.add(new File(STAGING + "/shopdr.cnf", "0644", serverConfig(spec)));
        files.add(new File(STAGING + "/ca.pem", "0644", spec.caCertificatePem()));
        files.add(new File(STAGING + "/server-cert.pem", "0644", spec.tls().certificatePem()));
        files.add(new File(STAGING + "/server-key.pem", "0600", spec.tls().privateKeyPem()));
        files.add(new File(BOOTSTRAP_SQL, "0600", bootstrapSql(spec)));
        files.add(new File(BOOTSTRAP_SCRIPT, "0700", bootstrapScript(spec)));
        return files;
    }

    /**
     * The server's {@code server_id}: stable per region name (CRC-32, in 1..2^32-1), not per list position,
     * so adding or reordering regions never renumbers an existing server.
     */
    public static long serverId(String region) {
        CRC32 crc = new CRC32();
        crc.update(region.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 4_294_967_295L + 1;
    }

    /** The engine config file (the {@code [mariadb]} or {@code [mysqld]} section shopdr owns). */
    static String serverConfig(DatabaseServerSpec spec) {
        boolean maria = spec.engine().isMariaDb();
        List<String> l = new ArrayList<>();
        l.add("# Written by shopdr (ReplicatedDatabase) for region " + spec.region() + "; started as "
                + (spec.primary() ? "primary" : "replica") + ". The failover controller changes roles at runtime.");
        l.add(maria ? "[mariadb]" : "[mysqld]");
        l.add("bind_address = 0.0.0.0");
        l.add("port = " + spec.port());
        l.add("server_id = " + serverId(spec.region()));
        l.add("skip_name_resolve = ON");
        l.add("log_bin = shopdr-bin");
        l.add("relay_log = shopdr-relay");
        l.add("binlog_format = ROW");
        l.add("binlog_expire_logs_seconds = 604800");
        if (maria) {
            l.add("log_slave_updates = ON");
            l.add("gtid_domain_id = 0");
            l.add("gtid_strict_mode = ON");
        } else {
            l.add("log_replica_updates = ON");
            l.add("gtid_mode = ON");
            l.add("enforce_gtid_consistency = ON");
        }
        // Semi-sync, when the replication engine turns it on: a primary whose semi-sync replicas are gone keeps its
        // commits waiting (wait_no_slave ON: a dead, cut-off or promoted-away replica never silently turns it
        // asynchronous); the failover controller switches semi-sync off when the quorum declares every standby down.
        // A commit waits at most 20 s, longer than the self-fence lease (ConfigureOptions.DEFAULT_SEMI_SYNC_TIMEOUT
        // says why). The engine sets the same values at runtime; here they also hold after a restart. "loose-" keeps
        // MySQL starting while its semi-sync plugin is not loaded yet (MariaDB has semi-sync built in).
        if (maria) {
            l.add("rpl_semi_sync_master_timeout = " + SEMI_SYNC_TIMEOUT_MS);
            l.add("rpl_semi_sync_master_wait_no_slave = ON");
        } else {
            l.add("loose-rpl_semi_sync_source_timeout = " + SEMI_SYNC_TIMEOUT_MS);
            l.add("loose-rpl_semi_sync_source_wait_no_replica = ON");
        }
        if (spec.primary()) {
            l.add("read_only = OFF");
        } else {
            l.add("read_only = ON");
            if (!maria) {
                l.add("super_read_only = ON");
            }
        }
        l.add("ssl_ca = " + TLS_DIR + "/ca.pem");
        l.add("ssl_cert = " + TLS_DIR + "/server-cert.pem");
        l.add("ssl_key = " + TLS_DIR + "/server-key.pem");
        l.add("tls_version = TLSv1.2,TLSv1.3");
        return String.join("\n", l) + "\n";
    }

    /**
     * The SQL run once over the root socket: reset the binary log (so every server starts with an empty GTID
     * set), then the database and users, all with {@code sql_log_bin=0}. Admin and replication users must
     * use TLS; the app user gets privileges on its database only — no SUPER, no READ ONLY ADMIN — so
     * {@code read_only} holds for it.
     */
    static String bootstrapSql(DatabaseServerSpec spec) {
        boolean maria = spec.engine().isMariaDb();
        String db = "`" + spec.databaseName() + "`";
        List<String> s = new ArrayList<>();
        s.add("SET SESSION sql_log_bin = 0;");
        if (!spec.primary()) {
            s.add(maria ? "SET GLOBAL read_only = OFF;" : "SET GLOBAL super_read_only = OFF;");
        }
        s.add(maria ? "RESET MASTER;" : "RESET BINARY LOGS AND GTIDS;");
        s.add("CREATE DATABASE IF NOT EXISTS " + db + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;");
        s.addAll(createUser(spec, spec.adminUser(), spec.adminPassword(), true));
        s.add("GRANT ALL PRIVILEGES ON *.* TO " + account(spec.adminUser()) + " WITH GRANT OPTION;");
        s.addAll(createUser(spec, spec.replicationUser(), spec.replicationPassword(), true));
        s.add("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO " + account(spec.replicationUser()) + ";");
        // the application connects over the network from the clusters: TLS required (the store gets the CA)
        s.addAll(createUser(spec, spec.appUser(), spec.appPassword(), true));
        s.add("GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX, REFERENCES, "
                + "CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE, CREATE VIEW, SHOW VIEW, CREATE ROUTINE, "
                + "ALTER ROUTINE, TRIGGER, EVENT ON " + db + ".* TO " + account(spec.appUser()) + ";");
        if (!spec.primary()) {
            s.add("SET GLOBAL read_only = ON;");
            if (!maria) {
                s.add("SET GLOBAL super_read_only = ON;");
            }
        }
        return String.join("\n", s) + "\n";
    }

    private static List<String> createUser(DatabaseServerSpec spec, String user, String password, boolean tls) {
        String require = tls ? " REQUIRE SSL" : "";
        if (spec.engine().isMariaDb()) {
            return List.of("CREATE OR REPLACE USER " + account(user) + " IDENTIFIED BY PASSWORD '"
                    + mariaDbPasswordHash(password) + "'" + require + ";");
        }
        return List.of("DROP USER IF EXISTS " + account(user) + ";",
                "CREATE USER " + account(user) + " IDENTIFIED WITH caching_sha2_password BY '"
                        + sqlString(password) + "'" + require + ";");
    }

    private static String account(String user) {
        return "'" + user + "'@'%'";
    }

    /** MariaDB's mysql_native_password hash: {@code *} + upper-case hex of SHA1(SHA1(password)). */
    static String mariaDbPasswordHash(String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] once = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
            byte[] twice = MessageDigest.getInstance("SHA-1").digest(once);
            return "*" + HexFormat.of().formatHex(twice).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }

    /** Escapes a value for a single-quoted SQL string literal (backslash and quote). */
    static String sqlString(String value) {
        return value.replace("\\", "\\\\").replace("'", "\\'");
    }

    /**
     * The bootstrap script. Installs the engine with services held back (policy-rc.d) so it first starts
     * with shopdr's config, installs config and TLS files, starts the server, runs the SQL on stdin, shreds
     * it. Idempotent via a marker file. Never echoes a secret, never passes one as an argument.
     */
    static String bootstrapScript(DatabaseServerSpec spec) {
        boolean maria = spec.engine().isMariaDb();
        String confDir = maria ? "/etc/mysql/mariadb.conf.d/90-shopdr.cnf" : "/etc/mysql/mysql.conf.d/zz-shopdr.cnf";
        String service = maria ? "mariadb" : "mysql";
        List<String> l = new ArrayList<>();
        l.add("#!/bin/bash");
        l.add("# shopdr database bootstrap (" + spec.engine().id() + ", region " + spec.region() + ").");
        l.add("# Secrets live only in root-only files under " + STAGING + "; nothing here prints them.");
        l.add("set -euo pipefail");
        l.add("umask 077");
        l.add("if [ -e " + DONE_MARKER + " ]; then echo 'shopdr: database already bootstrapped'; exit 0; fi");
        l.add("export DEBIAN_FRONTEND=noninteractive");
        l.add("# Keep the freshly installed server stopped until it has shopdr's config.");
        l.add("printf '#!/bin/sh\\nexit 101\\n' > /usr/sbin/policy-rc.d && chmod 0755 /usr/sbin/policy-rc.d");
        l.add("trap 'rm -f /usr/sbin/policy-rc.d' EXIT");
        l.add("apt-get update -q");
        if (maria) {
            l.add("apt-get install -y -q mariadb-server mariadb-client");
        } else {
            l.add("apt-get install -y -q curl gnupg ca-certificates lsb-release");
            l.add("curl -fsSL https://repo.mysql.com/RPM-GPG-KEY-mysql-2023 | gpg --batch --yes --dearmor -o /usr/share/keyrings/mysql.gpg");
            l.add(". /etc/os-release");
            l.add("echo \"deb [signed-by=/usr/share/keyrings/mysql.gpg] http://repo.mysql.com/apt/${ID} ${VERSION_CODENAME} mysql-8.4-lts\" > /etc/apt/sources.list.d/mysql.list");
            l.add("apt-get update -q");
            l.add("apt-get install -y -q mysql-server mysql-client");
        }
        l.add("systemctl stop " + service + " || true");
        l.add("install -d -o mysql -g mysql -m 0750 " + TLS_DIR);
        l.add("install -o mysql -g mysql -m 0644 " + STAGING + "/ca.pem " + TLS_DIR + "/ca.pem");
        l.add("install -o mysql -g mysql -m 0644 " + STAGING + "/server-cert.pem " + TLS_DIR + "/server-cert.pem");
        l.add("install -o mysql -g mysql -m 0600 " + STAGING + "/server-key.pem " + TLS_DIR + "/server-key.pem");
        l.add("shred -u " + STAGING + "/server-key.pem");
        l.add("install -o root -g root -m 0644 " + STAGING + "/shopdr.cnf " + confDir);
        l.add("rm -f /usr/sbin/policy-rc.d");
        l.add("systemctl enable " + service);
        l.add("systemctl start " + service);
        l.add("for i in $(seq 1 120); do mysqladmin --protocol=socket ping >/dev/null 2>&1 && break; sleep 1; done");
        l.add("mysqladmin --protocol=socket ping >/dev/null");
        l.add("mysql --protocol=socket < " + BOOTSTRAP_SQL);
        l.add("shred -u " + BOOTSTRAP_SQL);
        l.add("install -d -m 0700 /var/lib/shopdr && touch " + DONE_MARKER);
        l.add("echo 'shopdr: database bootstrapped (" + (spec.primary() ? "primary" : "read-only replica") + ")'");
        return String.join("\n", l) + "\n";
    }
}
