package com.pulumi.linode;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reflective checker comparing a hand-written binding against the provider schema. */
final class SchemaConformance {
    private SchemaConformance() {}

    static List<String> check(Class<?> resourceClass, Class<?> argsClass, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        ResourceType rt = resourceClass.getAnnotation(ResourceType.class);
        if (rt == null) {
            problems.add(resourceClass.getName() + ": missing @ResourceType");
            return problems;
        }
        String token = rt.type();
        JsonNode res = schema.path("resources").path(token);
        if (res.isMissingNode()) {
            problems.add(token + ": resource token is not in schema.resources");
            return problems;
        }
        // inputs
        Set<String> required = new HashSet<>();
        checkInputs(token, argsClass, res.path("inputProperties"), schema, problems, required, new HashSet<>());
        for (JsonNode r : res.path("requiredInputs")) {
            if (!required.contains(r.asText())) {
                problems.add(token + ": required input \"" + r.asText() + "\" is not an @Import with required=true");
            }
        }
        // outputs
        JsonNode props = res.path("properties");
        for (Field f : resourceClass.getDeclaredFields()) {
            Export ex = f.getAnnotation(Export.class);
            if (ex == null) continue;
            JsonNode p = props.path(ex.name());
            if (p.isMissingNode()) {
                problems.add(token + ": @Export \"" + ex.name() + "\" is not an output property of the schema");
                continue;
            }
            Type t = unwrapOutput(f.getGenericType());
            String mismatch = typeMismatch(t, p);
            if (mismatch != null) {
                problems.add(token + ": @Export \"" + ex.name() + "\" " + mismatch);
                continue;
            }
            checkNestedOutput(token, t, p, schema, problems, new HashSet<>());
        }
        List<String> secrets = secretOutputs(resourceClass);
        var it = props.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().path("secret").asBoolean(false) && !secrets.contains(e.getKey())) {
                problems.add(token + ": secret output \"" + e.getKey() + "\" is not in additionalSecretOutputs");
            }
        }
        return problems;
    }

    @SuppressWarnings("unchecked")
    static List<String> secretOutputs(Class<?> resourceClass) {
        try {
            Field f = resourceClass.getDeclaredField("SECRET_OUTPUTS");
            f.setAccessible(true);
            return (List<String>) f.get(null);
        } catch (ReflectiveOperationException e) {
            return List.of();
        }
    }

    private static void checkInputs(String where, Class<?> argsClass, JsonNode inputs, JsonNode schema,
                                    List<String> problems, Set<String> required, Set<Class<?>> seen) {
        if (!seen.add(argsClass)) return;
        for (Field f : argsClass.getDeclaredFields()) {
            Import im = f.getAnnotation(Import.class);
            if (im == null) continue;
            JsonNode p = inputs.path(im.name());
            if (p.isMissingNode()) {
                problems.add(where + ": @Import \"" + im.name() + "\" is not an input property of the schema");
                continue;
            }
            if (im.required() && required != null) required.add(im.name());
            Type t = unwrapOutput(f.getGenericType());
            String mismatch = typeMismatch(t, p);
            if (mismatch != null) {
                problems.add(where + ": @Import \"" + im.name() + "\" " + mismatch);
                continue;
            }
            // recurse into nested input types
            JsonNode refNode = p.has("items") ? p.path("items") : p;
            Type inner = t;
            if (p.has("items") && t instanceof ParameterizedType pt) inner = pt.getActualTypeArguments()[0];
            if (refNode.has("$ref") && inner instanceof Class<?> c && c.getName().startsWith("com.pulumi.linode.inputs")) {
                String ref = refNode.get("$ref").asText().replaceFirst("^#/types/", "");
                JsonNode type = schema.path("types").path(ref);
                if (type.isMissingNode()) {
                    problems.add(where + ": type " + ref + " is not in schema.types");
                    continue;
                }
                String nestedWhere = ref;
                Set<String> nestedRequired = new HashSet<>();
                checkInputs(nestedWhere, c, type.path("properties"), schema, problems, nestedRequired, seen);
                for (JsonNode r : type.path("required")) {
                    if (!nestedRequired.contains(r.asText())) {
                        problems.add(nestedWhere + ": required input \"" + r.asText() + "\" is not an @Import with required=true");
                    }
                }
            }
        }
    }

    /**
     * When an output property refers to a schema type (directly or as list items) and the Java side is a class in
     * {@code com.pulumi.linode.outputs}, holds that class's fields against the type's properties, recursively.
     */
    private static void checkNestedOutput(String where, Type javaType, JsonNode prop, JsonNode schema,
                                          List<String> problems, Set<Class<?>> seen) {
        JsonNode refNode = prop.has("items") ? prop.path("items") : prop;
        Type inner = javaType;
        if (prop.has("items") && javaType instanceof ParameterizedType pt) inner = pt.getActualTypeArguments()[0];
        if (!refNode.has("$ref") || !(inner instanceof Class<?> c) || !(c.getName().startsWith("com.pulumi.linode.outputs")
                || c.isAnnotationPresent(com.pulumi.core.annotations.CustomType.class))) {
            return;
        }
        if (!seen.add(c)) return;
        String ref = refNode.get("$ref").asText().replaceFirst("^#/types/", "");
        JsonNode type = schema.path("types").path(ref);
        if (type.isMissingNode()) {
            problems.add(where + ": type " + ref + " is not in schema.types");
            return;
        }
        if (c.getAnnotation(com.pulumi.core.annotations.CustomType.class) == null) {
            problems.add(ref + ": " + c.getName() + " is not annotated @CustomType");
        }
        JsonNode props = type.path("properties");
        for (Field f : c.getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) continue;
            JsonNode p = props.path(f.getName());
            if (p.isMissingNode()) {
                problems.add(ref + ": field \"" + f.getName() + "\" of " + c.getSimpleName() + " is not a property of the schema type");
                continue;
            }
            String mismatch = typeMismatch(f.getGenericType(), p);
            if (mismatch != null) {
                problems.add(ref + ": field \"" + f.getName() + "\" " + mismatch);
                continue;
            }
            checkNestedOutput(ref, f.getGenericType(), p, schema, problems, seen);
        }
    }

    private static Type unwrapOutput(Type t) {
        if (t instanceof ParameterizedType pt && pt.getRawType() == com.pulumi.core.Output.class) {
            return pt.getActualTypeArguments()[0];
        }
        return t;
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) return c;
        if (t instanceof ParameterizedType pt) return (Class<?>) pt.getRawType();
        return Object.class;
    }

    /** Returns null when compatible, else a description of the mismatch. */
    private static String typeMismatch(Type javaType, JsonNode prop) {
        Class<?> c = raw(javaType);
        String expected;
        boolean ok;
        if (prop.has("$ref")) {
            expected = "$ref " + prop.get("$ref").asText();
            ok = !(c == String.class || c == Integer.class || c == Double.class || c == Boolean.class
                || List.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c));
        } else {
            expected = prop.path("type").asText();
            switch (expected) {
                case "string" -> ok = c == String.class;
                case "integer" -> ok = c == Integer.class;
                case "number" -> ok = c == Double.class || c == Integer.class;
                case "boolean" -> ok = c == Boolean.class;
                case "array" -> ok = List.class.isAssignableFrom(c);
                case "object" -> ok = Map.class.isAssignableFrom(c);
                default -> ok = true;
            }
        }
        return ok ? null : "has Java type " + javaType.getTypeName() + " but schema type is " + expected;
    }
}
