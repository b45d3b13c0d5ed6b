package io.shopdr.drill.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.shopdr.drill.DrillException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one database server's cloud-init (rendered by {@code DatabaseCloudInit}) writes to the machine: the server
 * config, the TLS files and the bootstrap SQL, decoded from the instance's base64 user data.
 *
 * @param serverConfig  the engine config file (a {@code [mariadb]} section)
 * @param caPem         the deployment's CA certificate
 * @param certificatePem the server's certificate
 * @param privateKeyPem the server's private key
 * @param bootstrapSql  the SQL the bootstrap script feeds to the client over the root socket
 */
public record DatabaseServerFiles(String serverConfig, String caPem, String certificatePem, String privateKeyPem,
                                  String bootstrapSql) {
    /** Decodes {@code userDataBase64} (Linode metadata user data: base64 of a {@code #cloud-config} document). */
    public static DatabaseServerFiles fromUserData(String region, String userDataBase64) {
        String cloudConfig = new String(Base64.getDecoder().decode(userDataBase64), StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(cloudConfig);
        } catch (IOException e) {
            throw new DrillException("the database cloud-init of " + region + " is not YAML: " + e.getMessage());
        }
        Map<String, String> byName = new LinkedHashMap<>();
        for (JsonNode f : root.path("write_files")) {
            String path = f.path("path").asText();
            String content = f.path("content").asText();
            if ("b64".equals(f.path("encoding").asText())) {
                content = new String(Base64.getDecoder().decode(content), StandardCharsets.UTF_8);
            }
            byName.put(path.substring(path.lastIndexOf('/') + 1), content);
        }
        return new DatabaseServerFiles(file(region, byName, "shopdr.cnf"), file(region, byName, "ca.pem"),
                file(region, byName, "server-cert.pem"), file(region, byName, "server-key.pem"),
                file(region, byName, "bootstrap.sql"));
    }

    private static String file(String region, Map<String, String> files, String name) {
        String content = files.get(name);
        if (content == null) {
            throw new DrillException("the database cloud-init of " + region + " writes no " + name + " (it writes "
                    + files.keySet() + "): the twin starts servers from what ReplicatedDatabase renders");
        }
        return content;
    }

    @Override
    public String toString() {
        return "DatabaseServerFiles[config, CA, certificate, key and bootstrap SQL hidden]";
    }
}
