package com.pulumi.linode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.linode.inputs.GetDomainArgs;
import com.pulumi.linode.outputs.GetDomainResult;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Holds the hand-written function (data source) bindings against the provider schema's {@code functions}. */
class LinodeFunctionsSchemaTest {
    private static final String GET_DOMAIN = "linode:index/getDomain:getDomain";

    private static JsonNode schema() throws Exception {
        String prop = System.getProperty("linode.schema");
        Path path = (prop == null || prop.isBlank() || prop.contains("${"))
                ? Path.of("..").resolve("../shared/schemas/linode-schema.json").toAbsolutePath().normalize()
                : Path.of(prop);
        ExternalPrerequisite.require(Files.isRegularFile(path), "Linode schema not found at " + path);
        return new ObjectMapper().readTree(path.toFile());
    }

    static List<String> check(Class<?> args, Class<?> result, JsonNode function) {
        List<String> problems = new ArrayList<>();
        JsonNode inputs = function.path("inputs").path("properties");
        for (Field f : args.getDeclaredFields()) {
            Import im = f.getAnnotation(Import.class);
            if (im == null) {
                continue;
            }
            Type t = f.getGenericType() instanceof ParameterizedType pt && pt.getRawType() == Output.class
                    ? pt.getActualTypeArguments()[0] : f.getGenericType();
            String mismatch = mismatch(t, inputs.path(im.name()));
            if (mismatch != null) {
                problems.add("input " + im.name() + ": " + mismatch);
            }
        }
        JsonNode outputs = function.path("outputs").path("properties");
        for (Field f : result.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            String mismatch = mismatch(f.getGenericType(), outputs.path(f.getName()));
            if (mismatch != null) {
                problems.add("output " + f.getName() + ": " + mismatch);
            }
        }
        for (JsonNode required : function.path("outputs").path("required")) {
            try {
                Field f = result.getDeclaredField(required.asText());
                if (f.getAnnotation(javax.annotation.Nullable.class) != null) {
                    problems.add("output " + required.asText() + " is required by the schema but @Nullable");
                }
            } catch (NoSuchFieldException e) {
                // outputs shopdr does not read may be left out of the binding
            }
        }
        return problems;
    }

    private static String mismatch(Type t, JsonNode p) {
        if (p.isMissingNode()) {
            return "not in the schema";
        }
        String type = p.path("type").asText();
        Class<?> c = t instanceof Class<?> k ? k : (Class<?>) ((ParameterizedType) t).getRawType();
        boolean ok = switch (type) {
            case "string" -> c == String.class;
            case "integer" -> c == Integer.class;
            case "boolean" -> c == Boolean.class;
            case "array" -> List.class.isAssignableFrom(c);
            case "object" -> Map.class.isAssignableFrom(c);
            default -> true;
        };
        return ok ? null : "Java " + t.getTypeName() + " but schema " + type;
    }

    @Test
    void getDomainMatchesTheSchema() throws Exception {
        JsonNode function = schema().path("functions").path(GET_DOMAIN);
        assertTrue(!function.isMissingNode(), GET_DOMAIN + " is not in the schema");
        assertEquals(List.of(), check(GetDomainArgs.class, GetDomainResult.class, function));
    }

    @Test
    void getInstanceNetworkingMatchesTheSchemaDownToTheAddressFields() throws Exception {
        JsonNode root = schema();
        String token = "linode:index/getInstanceNetworking:getInstanceNetworking";
        JsonNode function = root.path("functions").path(token);
        assertTrue(!function.isMissingNode(), token + " is not in the schema");
        assertEquals(List.of(), check(com.pulumi.linode.inputs.GetInstanceNetworkingArgs.class,
                com.pulumi.linode.outputs.GetInstanceNetworkingResult.class, function));
        // the nested types, held like outputs against their schema types
        JsonNode ipv4 = root.path("types").path("linode:index/getInstanceNetworkingIpv4:getInstanceNetworkingIpv4");
        assertEquals(List.of(), check(NoArgs.class, com.pulumi.linode.outputs.GetInstanceNetworkingIpv4.class,
                objectAsFunction(ipv4)));
        for (String kind : List.of("Public", "Private")) {
            String name = "getInstanceNetworkingIpv4" + kind;
            JsonNode address = root.path("types").path("linode:index/" + name + ":" + name);
            assertEquals(List.of(), check(NoArgs.class, com.pulumi.linode.outputs.GetInstanceNetworkingIpv4Address.class,
                    objectAsFunction(address)), name);
        }
    }

    private static JsonNode objectAsFunction(JsonNode type) {
        assertTrue(!type.isMissingNode(), "type missing from the schema");
        return new ObjectMapper().createObjectNode().set("outputs", type);
    }

    static final class NoArgs extends com.pulumi.resources.InvokeArgs {}

    @Test
    void aWrongBindingIsReported() throws Exception {
        JsonNode function = schema().path("functions").path(GET_DOMAIN);
        assertEquals(List.of("input name: not in the schema", "output id: Java java.lang.String but schema integer"),
                check(WrongArgs.class, WrongResult.class, function));
    }

    static final class WrongArgs extends com.pulumi.resources.InvokeArgs {
        @Import(name = "name")
        private Output<String> name;
    }

    static final class WrongResult {
        private String id;
    }
}
