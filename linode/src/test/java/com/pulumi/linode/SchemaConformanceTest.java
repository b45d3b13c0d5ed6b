package com.pulumi.linode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checks every hand-written Linode binding against the provider schema. */
class SchemaConformanceTest {
    private static JsonNode schema;
    /** Why the schema could not be read; each test reports it as a visible skip. */
    private static String missing;

    @BeforeAll
    static void loadSchema() throws IOException {
        String prop = System.getProperty("linode.schema");
        Path path = (prop == null || prop.isBlank() || prop.contains("${"))
            ? Path.of("..").resolve("../shared/schemas/linode-schema.json").toAbsolutePath().normalize()
            : Path.of(prop);
        if (!Files.isRegularFile(path)) {
            missing = "Linode schema not found at " + path
                + "; get it with: pulumi package get-schema linode > " + path;
            return;
        }
        schema = new ObjectMapper().readTree(path.toFile());
    }

    static Stream<Arguments> bindings() {
        return Stream.of(
            Arguments.of(LkeCluster.class, LkeClusterArgs.class),
            Arguments.of(Token.class, TokenArgs.class),
            Arguments.of(Domain.class, DomainArgs.class),
            Arguments.of(DomainRecord.class, DomainRecordArgs.class),
            Arguments.of(Firewall.class, FirewallArgs.class),
            Arguments.of(Instance.class, InstanceArgs.class),
            Arguments.of(ObjectStorageBucket.class, ObjectStorageBucketArgs.class),
            Arguments.of(ObjectStorageKey.class, ObjectStorageKeyArgs.class));
    }

    @ParameterizedTest
    @MethodSource("bindings")
    void bindingMatchesSchema(Class<?> resource, Class<?> args) {
        ExternalPrerequisite.require(missing == null, missing);
        assertEquals(List.of(), SchemaConformance.check(resource, args, schema));
    }

    @Test
    void reportsWrongBinding() {
        ExternalPrerequisite.require(missing == null, missing);
        assertEquals(List.of(
                "linode:index/token:Token: @Import \"lable\" is not an input property of the schema",
                "linode:index/token:Token: required input \"scopes\" is not an @Import with required=true",
                "linode:index/token:Token: @Export \"tokn\" is not an output property of the schema",
                "linode:index/token:Token: secret output \"token\" is not in additionalSecretOutputs"),
            SchemaConformance.check(BadToken.class, BadTokenArgs.class, schema));
    }

    @Test
    void holdsNestedOutputTypesToo() {
        ExternalPrerequisite.require(missing == null, missing);
        assertEquals(List.of(
                "linode:index/LkeClusterPool:LkeClusterPool: field \"nodez\" of BadPool is not a property of the schema type",
                "linode:index/LkeClusterPoolNode:LkeClusterPoolNode: field \"instanceId\" has Java type java.lang.String but schema type is integer"),
            SchemaConformance.check(BadLkeCluster.class, LkeClusterArgs.class, schema).stream()
                .filter(p -> !p.contains("secret output")).toList());
    }

    /** Deliberately wrong nested output types: a misspelled pool field, a node id of the wrong type. */
    @com.pulumi.core.annotations.CustomType
    static final class BadNode {
        private String instanceId;
    }

    @com.pulumi.core.annotations.CustomType
    static final class BadPool {
        private List<BadNode> nodez;
        private List<BadNode> nodes;
    }

    @ResourceType(type="linode:index/lkeCluster:LkeCluster")
    static final class BadLkeCluster {
        @Export(name="pools", refs={List.class,BadPool.class}, tree="[0,1]")
        private Output<List<BadPool>> pools;
    }

    /** Deliberately wrong binding args: misspelled input, required input missing. */
    static final class BadTokenArgs extends com.pulumi.resources.ResourceArgs {
        @Import(name="lable")
        private Output<String> label;
    }

    /** Deliberately wrong binding: misspelled output, undeclared secret output. */
    @ResourceType(type="linode:index/token:Token")
    static final class BadToken {
        static final List<String> SECRET_OUTPUTS = List.of();
        @Export(name="tokn", refs={String.class}, tree="[0]")
        private Output<String> token;
    }
}
