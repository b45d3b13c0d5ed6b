package io.shopdr.components;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;

import java.util.Map;

/**
 * What every container shopdr declares shares: the Kubernetes "restricted" security context (no privilege escalation,
 * read-only root file system, every capability dropped), and the registry Secret private images are pulled with.
 */
public final class RestrictedContainer {
    private RestrictedContainer() {}

    /** No privilege escalation, a read-only root file system, no capabilities. */
    public static SecurityContextArgs securityContext() {
        return SecurityContextArgs.builder()
                .allowPrivilegeEscalation(false)
                .readOnlyRootFilesystem(true)
                .capabilities(CapabilitiesArgs.builder().drop("ALL").build())
                .build();
    }

    /**
     * A {@code kubernetes.io/dockerconfigjson} Secret from a {@code .dockerconfigjson} document, which stays a Pulumi
     * secret end to end.
     */
    public static SecretArgs registrySecret(ObjectMetaArgs metadata, Output<String> dockerConfigJson) {
        return SecretArgs.builder()
                .metadata(metadata)
                .type("kubernetes.io/dockerconfigjson")
                .stringData(dockerConfigJson.applyValue(json -> Map.of(".dockerconfigjson", json)).asSecret())
                .build();
    }
}
