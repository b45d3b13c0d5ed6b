package io.shopdr.agent.storefront;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a storefront keeps its orders: the region's database, the schema, the app account, and the CA file its
 * TLS is verified against (empty: no TLS, for databases that do not require it).
 */
public record StoreDatabase(String host, int port, String schema, String user, String password, Optional<Path> caFile) {
    @Override
    public String toString() {
        return "StoreDatabase[" + user + "@" + host + ":" + port + "/" + schema + (caFile.isPresent() ? ", TLS" : "")
                + ", password hidden]";
    }
}
