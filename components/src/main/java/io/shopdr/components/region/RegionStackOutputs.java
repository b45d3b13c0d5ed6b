package io.shopdr.components.region;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import java.util.List;
import java.util.Optional;

/**
 * What one {@link RegionStack} gives the rest of the program, in one typed bag.
 *
 * @param clusterId        LKE cluster id
 * @param kubeconfig       the cluster's kubeconfig (YAML), a Pulumi secret
 * @param provider         the Kubernetes provider for this cluster; pass it explicitly to further Kubernetes resources
 * @param ingressIp        public IP of the Traefik LoadBalancer Service (the region's NodeBalancer)
 * @param namespace        the store's namespace
 * @param redisHost        in-cluster host name of this region's Redis
 * @param bucketLabel      label of this region's assets bucket (empty when no assets were configured)
 * @param bucketS3Endpoint S3 endpoint of this region's assets bucket (empty when no assets were configured)
 * @param assetMirrorJob   name of the CronJob mirroring the primary's bucket (standby regions only); its
 *                         {@code status.lastSuccessfulTime} is the mirror's last success
 * @param nodeInstanceIds  the Linode instance ids of the cluster's nodes (every pool), which the cloud drill cuts
 *                         off with a Cloud Firewall together with the region's database
 */
public record RegionStackOutputs(
        Output<String> clusterId,
        Output<String> kubeconfig,
        Provider provider,
        Output<String> ingressIp,
        Output<String> namespace,
        Output<String> redisHost,
        Optional<Output<String>> bucketLabel,
        Optional<Output<String>> bucketS3Endpoint,
        Optional<String> assetMirrorJob,
        Output<List<Integer>> nodeInstanceIds) {
}
