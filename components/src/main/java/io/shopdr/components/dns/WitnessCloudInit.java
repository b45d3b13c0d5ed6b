package io.shopdr.components.dns;

import io.shopdr.components.CloudConfig;
import io.shopdr.components.CloudConfig.File;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders the cloud-init user data of the witness Linode ({@link WitnessArgs}): a pure function, so what runs on the
 * witness is unit-tested. The instance installs podman from its distribution (Debian 12: podman 4.3 in main) and
 * runs the controller image as a systemd service that restarts always (also after a reboot):
 * {@code shopdr controller --region witness-<region> --config /etc/shopdr/controller.json}, on the host network (it
 * only makes outbound connections: the regions' ingress and the Linode API), with a read-only root file system (podman
 * mounts a tmpfs on /tmp), no
 * capabilities and no privilege escalation — the restrictions the in-cluster controllers run with.
 *
 * <p>Where secrets go: the Linode token only into {@link #ENV_FILE} and a registry credential only into
 * {@link #REGISTRY_AUTH_FILE}, both root-only {@code 0600} {@code write_files} entries (cloud-init logs paths, never
 * contents). Podman reads them as root ({@code --env-file}, {@code --authfile}), so no secret is ever on a command
 * line; the token reaches the controller's environment only. The user data itself stays readable by root through
 * Linode's metadata service, as the database servers' does.
 */
public final class WitnessCloudInit {
    /** The systemd unit running the witness. */
    public static final String SERVICE = "shopdr-witness.service";
    /** The non-secret controller config (the same document the regions' controllers get). */
    public static final String CONFIG_FILE = ControllerConfigDocument.CONFIG_FILE;
    /** The witness's environment: {@code LINODE_TOKEN} (root-only). */
    public static final String ENV_FILE = ControllerConfigDocument.CONFIG_DIR + "/witness.env";
    /** The registry credential of a private controller image (root-only). */
    public static final String REGISTRY_AUTH_FILE = ControllerConfigDocument.CONFIG_DIR + "/registry-auth.json";
    static final String SETUP_SCRIPT = "/usr/local/sbin/shopdr-witness-setup";
    /** The controller image's user (agent Jib build: {@code 65532:65532}), owner of the incident directory. */
    static final String CONTAINER_USER = "65532";

    /**
     * What the witness runs.
     *
     * @param name         the observer name ({@code witness-<region>}), one of the config's {@code witnesses}
     * @param image        the controller image
     * @param configJson   the rendered controller config
     * @param linodeToken  the witness's Linode token (secret)
     * @param registryAuth a {@code .dockerconfigjson} document for a private image (secret), if any
     */
    public record Spec(String name, String image, String configJson, String linodeToken, Optional<String> registryAuth) {
        @Override
        public String toString() {
            return "Spec[" + name + " " + image + "]"; // never the token
        }
    }

    private WitnessCloudInit() {}

    /** The {@code #cloud-config} document (plain text; base64 it for Linode's metadata). */
    public static String render(Spec spec) {
        return CloudConfig.render("shopdr witness observer " + spec.name() + ": probes and votes, never acts",
                files(spec), SETUP_SCRIPT);
    }

    /** The files written to the instance, in order. Secrets are only in files with mode 0600. */
    static List<File> files(Spec spec) {
        List<File> files = new ArrayList<>();
        files.add(new File(CONFIG_FILE, "0644", spec.configJson()));
        files.add(new File(ENV_FILE, "0600", FailoverDns.ENV_LINODE_TOKEN + "=" + spec.linodeToken() + "\n"));
        spec.registryAuth().ifPresent(auth -> files.add(new File(REGISTRY_AUTH_FILE, "0600", auth)));
        files.add(new File("/etc/systemd/system/" + SERVICE, "0644", unit(spec)));
        files.add(new File(SETUP_SCRIPT, "0700", setupScript()));
        return files;
    }

    /** The systemd unit: podman in the foreground, restarted always. */
    static String unit(Spec spec) {
        List<String> run = new ArrayList<>(List.of("/usr/bin/podman", "run", "--rm", "--name", "shopdr-witness",
                "--network", "host", "--pull", "missing", "--read-only", "--cap-drop", "all",
                "--security-opt", "no-new-privileges", "--memory", "768m",
                "--env-file", ENV_FILE, "--env", "JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=50"));
        if (spec.registryAuth().isPresent()) {
            run.addAll(List.of("--authfile", REGISTRY_AUTH_FILE));
        }
        run.addAll(List.of(
                "--volume", CONFIG_FILE + ":" + CONFIG_FILE + ":ro",
                "--volume", ControllerConfigDocument.INCIDENT_DIR + ":" + ControllerConfigDocument.INCIDENT_DIR,
                spec.image(), "controller", "--region", spec.name(), "--config", CONFIG_FILE));
        return """
                [Unit]
                Description=shopdr witness observer %s (probes every region and votes; never acts)
                Wants=network-online.target
                After=network-online.target

                [Service]
                Restart=always
                RestartSec=5
                ExecStartPre=-/usr/bin/podman rm --force --ignore shopdr-witness
                ExecStart=%s
                ExecStop=/usr/bin/podman stop --ignore --time 10 shopdr-witness

                [Install]
                WantedBy=multi-user.target
                """.formatted(spec.name(), String.join(" ", run));
    }

    /** Installs podman from the distribution, prepares the incident directory and starts the unit. */
    static String setupScript() {
        return """
                #!/bin/sh
                # shopdr witness setup (cloud-init runcmd): podman from the distribution, then the witness service.
                set -eu
                export DEBIAN_FRONTEND=noninteractive
                apt-get update -q
                apt-get install -y -q podman
                install -d -o %1$s -g %1$s -m 0700 %2$s
                systemctl daemon-reload
                systemctl enable --now %3$s
                """.formatted(CONTAINER_USER, ControllerConfigDocument.INCIDENT_DIR, SERVICE);
    }
}
