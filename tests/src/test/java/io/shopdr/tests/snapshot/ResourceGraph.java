package io.shopdr.tests.snapshot;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A program's resource graph rendered as stable, reviewable text: one block per resource (type, name, parent,
 * provider, protect, ignoreChanges, inputs flattened to sorted dotted paths, multi-line strings as indented blocks),
 * secrets shown as {@code [secret]}, sorted by name so that
 * registration order (which is concurrent) never changes the text.
 */
final class ResourceGraph {
    /** Pulumi's wire marker of a secret value ({@code 4dabf1…} = {@code 1b4706…}). */
    private static final String SIG_KEY = "4dabf18193072939515e22adb298388d";
    private static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    private static final String RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
    private static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    private ResourceGraph() {}

    /**
     * Renders the registrations and the stack outputs.
     *
     * @param header  comment lines put first
     * @param outputs stack output name → rendered value ({@code [secret]} for secrets)
     */
    static String render(List<String> header, List<GraphRecordingMonitor.Registration> registrations,
                         Map<String, String> outputs) {
        StringBuilder out = new StringBuilder();
        header.forEach(h -> out.append("# ").append(h).append('\n'));
        List<GraphRecordingMonitor.Registration> sorted = new ArrayList<>(registrations);
        sorted.removeIf(r -> r.type().equals("pulumi:pulumi:Stack"));
        sorted.sort(Comparator.comparing(GraphRecordingMonitor.Registration::name)
                .thenComparing(GraphRecordingMonitor.Registration::type));
        for (var r : sorted) {
            out.append('\n').append(r.read() ? "read " : "").append(r.type()).append("  ").append(r.name()).append('\n');
            out.append("  parent: ").append(urnName(r.parentUrn())).append('\n');
            if (!r.providerRef().isEmpty()) {
                out.append("  provider: ").append(urnName(r.providerRef().replaceFirst("::[^:]*$", ""))).append('\n');
            }
            if (r.protect()) {
                out.append("  protect: true\n");
            }
            if (!r.ignoreChanges().isEmpty()) {
                out.append("  ignoreChanges: ").append(String.join(", ", r.ignoreChanges().stream().sorted().toList())).append('\n');
            }
            Map<String, String> flat = new TreeMap<>();
            flatten("", Value.newBuilder().setStructValue(r.inputs()).build(), flat);
            flat.forEach((k, v) -> out.append("  ").append(k).append(" = ").append(v).append('\n'));
        }
        out.append("\noutputs\n");
        new TreeMap<>(outputs).forEach((k, v) -> out.append("  ").append(k).append(" = ").append(v).append('\n'));
        return out.toString();
    }

    /** {@code urn:pulumi:stack::project::parent$type::name} → {@code type name}; empty → {@code (stack)}. */
    static String urnName(String urn) {
        if (urn == null || urn.isEmpty()) return "(none)";
        String[] parts = urn.split("::");
        if (parts.length < 4) return urn;
        String qualified = parts[2];
        String type = qualified.substring(qualified.lastIndexOf('$') + 1);
        String name = urn.substring(urn.indexOf("::", urn.indexOf(qualified)) + 2);
        return type.equals("pulumi:pulumi:Stack") ? "(stack)" : type + "  " + name;
    }

    private static void flatten(String path, Value v, Map<String, String> out) {
        switch (v.getKindCase()) {
            case STRUCT_VALUE -> {
                Struct s = v.getStructValue();
                Value sig = s.getFieldsMap().get(SIG_KEY);
                if (sig != null && SECRET_SIG.equals(sig.getStringValue())) {
                    out.put(path, "[secret]");
                    return;
                }
                if (sig != null && RESOURCE_SIG.equals(sig.getStringValue())) {
                    out.put(path, "[resource " + urnName(s.getFieldsMap().get("urn").getStringValue()) + "]");
                    return;
                }
                if (s.getFieldsCount() == 0 && !path.isEmpty()) {
                    out.put(path, "{}");
                }
                s.getFieldsMap().forEach((k, child) -> flatten(path.isEmpty() ? k : path + "." + k, child, out));
            }
            case LIST_VALUE -> {
                var values = v.getListValue().getValuesList();
                if (values.isEmpty()) out.put(path, "[]");
                for (int i = 0; i < values.size(); i++) flatten(path + "." + i, values.get(i), out);
            }
            case STRING_VALUE -> out.put(path, UNKNOWN.equals(v.getStringValue()) ? "[unknown]" : text(v.getStringValue()));
            case NUMBER_VALUE -> {
                double d = v.getNumberValue();
                out.put(path, d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
            }
            case BOOL_VALUE -> out.put(path, Boolean.toString(v.getBoolValue()));
            case NULL_VALUE, KIND_NOT_SET -> out.put(path, "null");
        }
    }

    /** Multi-line strings (configs, PEM) become an indented block, so a diff shows the changed line itself. */
    private static String text(String s) {
        if (s.contains("\n")) {
            StringBuilder b = new StringBuilder("|");
            s.lines().forEach(line -> b.append("\n      ").append(line));
            return b.toString();
        }
        return quote(s);
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
