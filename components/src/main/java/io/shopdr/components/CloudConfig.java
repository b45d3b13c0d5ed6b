package io.shopdr.components;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A {@code #cloud-config} document of the shape every shopdr instance boots with: root-owned {@code write_files}
 * (contents base64-encoded, so no YAML quoting can change them; secrets only in {@code 0600} files, and cloud-init
 * logs paths, never contents), then one script run by {@code runcmd} that takes no argument — so no secret is ever on
 * a command line.
 */
public final class CloudConfig {
    /** One file cloud-init writes, owned by root. */
    public record File(String path, String permissions, String content) {
        @Override
        public String toString() {
            return "File[" + path + " " + permissions + "]"; // never the content: it may be a secret
        }
    }

    private CloudConfig() {}

    /**
     * The document.
     *
     * @param comment what the instance is (one line, after the header)
     * @param files   written in this order
     * @param script  the path of the script (one of {@code files}) {@code runcmd} runs
     */
    public static String render(String comment, List<File> files, String script) {
        StringBuilder y = new StringBuilder();
        y.append("#cloud-config\n");
        y.append("# ").append(comment).append('\n');
        y.append("write_files:\n");
        for (File f : files) {
            y.append("  - path: ").append(f.path()).append('\n');
            y.append("    owner: root:root\n");
            y.append("    permissions: '").append(f.permissions()).append("'\n");
            y.append("    encoding: b64\n");
            y.append("    content: ").append(Base64.getEncoder().encodeToString(
                    f.content().getBytes(StandardCharsets.UTF_8))).append('\n');
        }
        y.append("runcmd:\n");
        y.append("  - [").append(script).append("]\n");
        return y.toString();
    }
}
