package com.pulumi.linode;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.linode.inputs.InstanceMetadataArgs;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** The set of arguments for constructing a {@link Instance} resource. */
public final class InstanceArgs extends com.pulumi.resources.ResourceArgs {
    public static final InstanceArgs Empty = new InstanceArgs();

    @Import(name="authorizedKeys")
    private @Nullable Output<List<String>> authorizedKeys;
    @Import(name="backupsEnabled")
    private @Nullable Output<Boolean> backupsEnabled;
    @Import(name="firewallId")
    private @Nullable Output<Integer> firewallId;
    @Import(name="image")
    private @Nullable Output<String> image;
    @Import(name="label")
    private @Nullable Output<String> label;
    @Import(name="metadatas")
    private @Nullable Output<List<InstanceMetadataArgs>> metadatas;
    @Import(name="privateIp")
    private @Nullable Output<Boolean> privateIp;
    @Import(name="region", required=true)
    private Output<String> region;
    @Import(name="rootPass")
    private @Nullable Output<String> rootPass;
    @Import(name="tags")
    private @Nullable Output<List<String>> tags;
    @Import(name="type")
    private @Nullable Output<String> type;

    public Optional<Output<List<String>>> authorizedKeys() { return Optional.ofNullable(this.authorizedKeys); }
    public Optional<Output<Boolean>> backupsEnabled() { return Optional.ofNullable(this.backupsEnabled); }
    public Optional<Output<Integer>> firewallId() { return Optional.ofNullable(this.firewallId); }
    public Optional<Output<String>> image() { return Optional.ofNullable(this.image); }
    public Optional<Output<String>> label() { return Optional.ofNullable(this.label); }
    public Optional<Output<List<InstanceMetadataArgs>>> metadatas() { return Optional.ofNullable(this.metadatas); }
    public Optional<Output<Boolean>> privateIp() { return Optional.ofNullable(this.privateIp); }
    public Output<String> region() { return this.region; }
    public Optional<Output<String>> rootPass() { return Optional.ofNullable(this.rootPass); }
    public Optional<Output<List<String>>> tags() { return Optional.ofNullable(this.tags); }
    public Optional<Output<String>> type() { return Optional.ofNullable(this.type); }

    private InstanceArgs() {}

    public static Builder builder() { return new Builder(); }

    /** Builder for {@link InstanceArgs}. */
    public static final class Builder {
        private final InstanceArgs $ = new InstanceArgs();
        public Builder authorizedKeys(@Nullable Output<List<String>> v) { $.authorizedKeys = v; return this; }
        public Builder authorizedKeys(List<String> v) { return authorizedKeys(Output.of(v)); }
        public Builder authorizedKeys(String... v) { return authorizedKeys(List.of(v)); }
        public Builder backupsEnabled(@Nullable Output<Boolean> v) { $.backupsEnabled = v; return this; }
        public Builder backupsEnabled(Boolean v) { return backupsEnabled(Output.of(v)); }
        public Builder firewallId(@Nullable Output<Integer> v) { $.firewallId = v; return this; }
        public Builder firewallId(Integer v) { return firewallId(Output.of(v)); }
        public Builder image(@Nullable Output<String> v) { $.image = v; return this; }
        public Builder image(String v) { return image(Output.of(v)); }
        public Builder label(@Nullable Output<String> v) { $.label = v; return this; }
        public Builder label(String v) { return label(Output.of(v)); }
        public Builder metadatas(@Nullable Output<List<InstanceMetadataArgs>> v) { $.metadatas = v; return this; }
        public Builder metadatas(List<InstanceMetadataArgs> v) { return metadatas(Output.of(v)); }
        public Builder metadatas(InstanceMetadataArgs... v) { return metadatas(List.of(v)); }
        public Builder privateIp(@Nullable Output<Boolean> v) { $.privateIp = v; return this; }
        public Builder privateIp(Boolean v) { return privateIp(Output.of(v)); }
        public Builder region(Output<String> v) { $.region = v; return this; }
        public Builder region(String v) { return region(Output.of(v)); }
        public Builder rootPass(@Nullable Output<String> v) { $.rootPass = v; return this; }
        public Builder rootPass(String v) { return rootPass(Output.of(v)); }
        public Builder tags(@Nullable Output<List<String>> v) { $.tags = v; return this; }
        public Builder tags(List<String> v) { return tags(Output.of(v)); }
        public Builder tags(String... v) { return tags(List.of(v)); }
        public Builder type(@Nullable Output<String> v) { $.type = v; return this; }
        public Builder type(String v) { return type(Output.of(v)); }
        public InstanceArgs build() {
            $.region = Objects.requireNonNull($.region, "expected parameter 'region' to be non-null");
            return $;
        }
    }
}
