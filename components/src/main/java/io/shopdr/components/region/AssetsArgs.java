package io.shopdr.components.region;

import com.pulumi.core.Output;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Static assets of one region: the region's Object Storage bucket and, in a standby region, the primary bucket it
 * mirrors from on a schedule (Linode Object Storage has no cross-region replication of its own).
 */
public final class AssetsArgs extends com.pulumi.resources.ResourceArgs {
    /** Linode's bucket label rule, verbatim from the API (POST /object-storage/buckets, {@code label.pattern}). */
    public static final Pattern BUCKET_LABEL =
            Pattern.compile("^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*(?:[.][a-z0-9]+(?:-[a-z0-9]+)*)*$");
    /** Shortest mirror interval: an rclone pass over a whole bucket more often than this only piles up runs. */
    public static final int MIN_INTERVAL_MINUTES = 5;
    /** Longest mirror interval: once a day; beyond that a failover would serve assets over a day old. */
    public static final int MAX_INTERVAL_MINUTES = 1440;

    private String bucketLabel;
    private @Nullable MirrorSource mirrorFrom;
    private int mirrorIntervalMinutes = 15;
    private String rcloneImage = "rclone/rclone:1.68.2";

    private AssetsArgs() {}

    /** Label of this region's bucket (Linode rules: 3–63 of a-z 0-9 . -, no leading/trailing/double - or .). Required. */
    public String bucketLabel() { return bucketLabel; }

    /** The primary's bucket to mirror from; set in standby regions only. @default none (this region is the source) */
    public Optional<MirrorSource> mirrorFrom() { return Optional.ofNullable(mirrorFrom); }

    /** Minutes between mirror runs; must divide an hour or a day, within [5, 1440]. @default 15 */
    public int mirrorIntervalMinutes() { return mirrorIntervalMinutes; }

    /** Container image of the sync tool. @default "rclone/rclone:1.68.2" */
    public String rcloneImage() { return rcloneImage; }

    public static Builder builder() { return new Builder(); }

    /** The bucket a standby region mirrors: its region id, label and S3 endpoint (outputs of the primary's stack). */
    public record MirrorSource(String region, Output<String> bucketLabel, Output<String> s3Endpoint) {}

    /** Builder for {@link AssetsArgs}. */
    public static final class Builder {
        private final AssetsArgs $ = new AssetsArgs();

        public Builder bucketLabel(String bucketLabel) { $.bucketLabel = bucketLabel; return this; }
        public Builder mirrorFrom(@Nullable MirrorSource source) { $.mirrorFrom = source; return this; }
        public Builder mirrorFrom(String region, Output<String> bucketLabel, Output<String> s3Endpoint) {
            return mirrorFrom(new MirrorSource(region, bucketLabel, s3Endpoint));
        }
        public Builder mirrorIntervalMinutes(int minutes) { $.mirrorIntervalMinutes = minutes; return this; }
        public Builder rcloneImage(String image) { $.rcloneImage = image; return this; }

        public AssetsArgs build() { return $; }
    }
}
