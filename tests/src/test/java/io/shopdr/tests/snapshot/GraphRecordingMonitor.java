package io.shopdr.tests.snapshot;

import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import pulumirpc.Resource.ReadResourceRequest;
import pulumirpc.Resource.ReadResourceResponse;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The SDK's mock monitor, additionally keeping every registration exactly as the engine would receive it: parent
 * URN, provider reference and the serialized inputs with their secret markers (which the mock engine otherwise
 * strips before {@link Mocks} sees them).
 */
final class GraphRecordingMonitor extends MockMonitor {
    /** One registered (or read) resource as sent to the engine. */
    record Registration(String type, String name, String parentUrn, String providerRef, boolean read,
                        com.google.protobuf.Struct inputs, List<String> ignoreChanges, boolean protect) {}

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    GraphRecordingMonitor(Mocks mocks) {
        super(mocks, Log.ignore());
    }

    List<Registration> registrations() {
        return List.copyOf(registrations);
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
        registrations.add(new Registration(request.getType(), request.getName(), request.getParent(),
                request.getProvider(), false, request.getObject(), List.copyOf(request.getIgnoreChangesList()),
                request.getProtect()));
        return super.registerResourceAsync(resource, request);
    }

    @Override
    public CompletableFuture<ReadResourceResponse> readResourceAsync(Resource resource, ReadResourceRequest request) {
        registrations.add(new Registration(request.getType(), request.getName(), request.getParent(),
                request.getProvider(), true, request.getProperties(), List.of(), false));
        return super.readResourceAsync(resource, request);
    }
}
