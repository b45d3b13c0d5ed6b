package io.shopdr.program;

import com.pulumi.Context;
import com.pulumi.Pulumi;

import java.util.List;

/**
 * The shopdr Pulumi program: reads the stack config and composes the components per region.
 * Components are added as they land (RegionStack, ReplicatedDatabase, FailoverDns).
 */
public final class App {
    private App() {}

    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    /** Declares the stack; separate from {@link #main} so tests can run it under the mock engine. */
    public static void stack(Context ctx) {
        var config = ctx.config("shopdr");
        List<String> regions = config.getObject("regions", String[].class).map(List::of).orElse(List.of());
        StackSettings settings = StackSettings.of(regions, config.get("domain").orElse(null));
        ctx.export("primaryRegion", com.pulumi.core.Output.of(settings.primaryRegion()));
        ctx.export("regions", com.pulumi.core.Output.of(settings.regions()));
    }
}
