package io.shopdr.program;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.batch.v1.Job;
import com.pulumi.kubernetes.batch.v1.JobArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobSpecArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.LocalObjectReferenceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import io.shopdr.components.RestrictedContainer;
import io.shopdr.components.database.DatabaseEndpoint;
import io.shopdr.components.database.ReplicatedDatabase;
import io.shopdr.components.dns.FailoverDns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The post-deploy hook with no hand step: a Kubernetes Job in the primary region's cluster, from the controller
 * image, that runs {@code shopdr replicate --outputs FILE} once the databases exist. FILE is the stack's
 * {@code primaryRegion}/{@code regions}/{@code database} document, the same shape as {@code pulumi stack output
 * --json}, mounted from a Secret (the passwords stay Pulumi secrets up to the pod). The Job's name carries a hash
 * of the database topology (engine, primary, every endpoint), so a topology change replaces it and replication is
 * configured again; an unchanged topology leaves the finished Job alone. The databases admit the cluster's nodes
 * (see {@link NodeAddresses}), so the Job reaches every server.
 */
final class PostDeployHook {
    /** Namespace of the Job and its Secret: the controllers' ({@link FailoverDns} creates it). */
    static final String NAMESPACE = "shopdr";
    /** Where the outputs document is mounted in the Job's pod. */
    static final String OUTPUTS_FILE = "/etc/shopdr-hook/outputs.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PostDeployHook() {}

    /**
     * Declares the Secret and the Job in {@code provider}'s cluster (the primary region's), after {@code after}.
     *
     * @return the Job
     */
    static Job declare(StackSettings settings, ReplicatedDatabase database, ProviderResource provider,
                       List<Resource> after) {
        Output<String> hash = database.endpoints().applyValue(endpoints -> topologyHash(settings, endpoints));
        Output<String> document = database.database().applyValue(db -> {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("primaryRegion", settings.primaryRegion());
            doc.put("regions", settings.regions());
            doc.put("database", db);
            try {
                return JSON.writeValueAsString(doc);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the database document is not JSON-serialisable", e);
            }
        }).asSecret();
        Map<String, String> labels = Map.of("app.kubernetes.io/name", "shopdr-replicate",
                "app.kubernetes.io/part-of", "shopdr");
        Output<String> name = hash.applyValue(h -> "shopdr-replicate-" + h);
        Secret outputs = new Secret("hook-outputs", SecretArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(name).namespace(NAMESPACE).labels(labels).build())
                .type("Opaque")
                .stringData(document.applyValue(d -> Map.of("outputs.json", d)).asSecret())
                .build(), CustomResourceOptions.builder().provider(provider).dependsOn(after).build());

        ContainerArgs container = ContainerArgs.builder()
                .name("replicate")
                .image(settings.controllerImage())
                .args("replicate", "--outputs", OUTPUTS_FILE)
                .securityContext(RestrictedContainer.securityContext())
                .volumeMounts(VolumeMountArgs.builder().name("outputs").mountPath("/etc/shopdr-hook").readOnly(true).build(),
                        // the hook writes the CA to a temporary file
                        VolumeMountArgs.builder().name("tmp").mountPath("/tmp").build())
                .build();
        PodSpecArgs.Builder pod = PodSpecArgs.builder()
                .restartPolicy("Never")
                .automountServiceAccountToken(false)
                .securityContext(PodSecurityContextArgs.builder().runAsNonRoot(true).runAsUser(65532).runAsGroup(65532).build())
                .containers(container)
                .volumes(VolumeArgs.builder().name("outputs").secret(SecretVolumeSourceArgs.builder()
                        .secretName(name).build()).build(),
                        VolumeArgs.builder().name("tmp").emptyDir(EmptyDirVolumeSourceArgs.builder().build()).build());
        if (settings.hasImagePullSecret()) {
            pod.imagePullSecrets(LocalObjectReferenceArgs.builder().name(FailoverDns.REGISTRY_SECRET).build());
        }
        return new Job("hook-replicate", JobArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(name).namespace(NAMESPACE).labels(labels).build())
                .spec(JobSpecArgs.builder()
                        // cloud-init installs the engine after the instance is "running": retry while it comes up
                        .backoffLimit(10)
                        .activeDeadlineSeconds(1800)
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(labels).build())
                                .spec(pod.build())
                                .build())
                        .build())
                .build(), CustomResourceOptions.builder().provider(provider).dependsOn(List.of(outputs)).build());
    }

    /** 12 hex digits of SHA-256 over the engine, the primary and every region's endpoint: no secret goes in. */
    static String topologyHash(StackSettings settings, Map<String, DatabaseEndpoint> endpoints) {
        StringBuilder text = new StringBuilder(settings.dbEngine()).append('|').append(settings.primaryRegion());
        endpoints.forEach((region, e) -> text.append('|').append(region).append('=').append(e.publicIp())
                .append('/').append(e.privateIp()).append(':').append(e.port()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
