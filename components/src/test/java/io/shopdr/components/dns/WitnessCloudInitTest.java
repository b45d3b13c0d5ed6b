package io.shopdr.components.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.components.database.DatabaseCloudInitTest;
import io.shopdr.components.database.DatabaseCloudInitTest.Parsed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The witness's cloud-init, decoded: podman from the distribution, the controller in witness mode, secrets 0600. */
class WitnessCloudInitTest {
    static final String TOKEN = "witness-linode-token-value";
    static final String AUTH = "{\"auths\":{\"ghcr.io\":{\"auth\":\"dXNlcjpwYXNz\"}}}";
    static final String CONFIG = "{\"domain\":\"shop.example.com\",\"witnesses\":[\"witness-us-ord\"]}\n";

    static WitnessCloudInit.Spec spec(Optional<String> registryAuth) {
        return new WitnessCloudInit.Spec("witness-us-ord", "ghcr.io/acme/shopdr-controller:1.2.3", CONFIG, TOKEN, registryAuth);
    }

    private static String unit(Parsed p) {
        return p.contents().get("/etc/systemd/system/" + WitnessCloudInit.SERVICE);
    }

    @Test
    void runsTheControllerImageInWitnessModeUnderSystemdRestartingAlways() {
        Parsed p = DatabaseCloudInitTest.parse(WitnessCloudInit.render(spec(Optional.empty())));
        String unit = unit(p);
        String execStart = unit.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
        assertTrue(execStart.startsWith("ExecStart=/usr/bin/podman run "), execStart);
        assertTrue(execStart.endsWith(" ghcr.io/acme/shopdr-controller:1.2.3 controller --region witness-us-ord"
                + " --config /etc/shopdr/controller.json"), "the image's shopdr runs as the witness observer: " + execStart);
        assertTrue(execStart.contains(" --env-file /etc/shopdr/witness.env "), execStart);
        assertTrue(execStart.contains(" --volume /etc/shopdr/controller.json:/etc/shopdr/controller.json:ro "), execStart);
        for (String restriction : List.of(" --read-only ", " --cap-drop all ", " --security-opt no-new-privileges ")) {
            assertTrue(execStart.contains(restriction), restriction + " as the in-cluster controllers: " + execStart);
        }
        assertTrue(unit.contains("\nRestart=always\n"), unit);
        assertTrue(unit.contains("\nWantedBy=multi-user.target\n"), "started again after a reboot: " + unit);
        assertEquals(CONFIG, p.contents().get(WitnessCloudInit.CONFIG_FILE));
        assertEquals("0644", p.permissions().get(WitnessCloudInit.CONFIG_FILE));

        String setup = p.contents().get(WitnessCloudInit.SETUP_SCRIPT);
        assertEquals(List.of(List.of(WitnessCloudInit.SETUP_SCRIPT)), p.runcmd());
        assertEquals("0700", p.permissions().get(WitnessCloudInit.SETUP_SCRIPT));
        assertTrue(setup.contains("\napt-get install -y -q podman\n"), "podman from Debian's main archive: " + setup);
        assertTrue(setup.contains("install -d -o 65532 -g 65532 -m 0700 /var/lib/shopdr/incidents"), setup);
        assertTrue(setup.indexOf("podman\n") < setup.indexOf("systemctl enable --now shopdr-witness.service"), setup);
    }

    @Test
    void theTokenIsOnlyInARootOnlyEnvironmentFileNeverOnACommandLine() {
        String document = WitnessCloudInit.render(spec(Optional.empty()));
        Parsed p = DatabaseCloudInitTest.parse(document);
        assertEquals("LINODE_TOKEN=" + TOKEN + "\n", p.contents().get(WitnessCloudInit.ENV_FILE));
        assertEquals("0600", p.permissions().get(WitnessCloudInit.ENV_FILE));
        for (Map.Entry<String, String> f : p.contents().entrySet()) {
            if (!f.getKey().equals(WitnessCloudInit.ENV_FILE)) {
                assertFalse(f.getValue().contains(TOKEN), f.getKey() + " must not hold the token");
            }
        }
        assertFalse(document.contains(TOKEN), "the document carries the token only base64-encoded inside the 0600 file");
        assertFalse(spec(Optional.empty()).toString().contains(TOKEN), "the spec never prints the token");
        assertFalse(p.contents().containsKey(WitnessCloudInit.REGISTRY_AUTH_FILE), "a public image needs no credential");
        assertFalse(unit(p).contains("--authfile"), unit(p));
    }

    @Test
    void aPrivateImagesCredentialIsARootOnlyAuthFile() {
        Parsed p = DatabaseCloudInitTest.parse(WitnessCloudInit.render(spec(Optional.of(AUTH))));
        assertEquals(AUTH, p.contents().get(WitnessCloudInit.REGISTRY_AUTH_FILE));
        assertEquals("0600", p.permissions().get(WitnessCloudInit.REGISTRY_AUTH_FILE));
        assertTrue(unit(p).contains(" --authfile " + WitnessCloudInit.REGISTRY_AUTH_FILE + " "), unit(p));
        assertFalse(unit(p).contains("dXNlcjpwYXNz"), "the credential is never on the command line");
    }
}
