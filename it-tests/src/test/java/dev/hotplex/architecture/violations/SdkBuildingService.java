package dev.hotplex.architecture.violations;

import io.opentelemetry.sdk.OpenTelemetrySdk;

/** Builds the OpenTelemetry SDK outside the telemetry SDK package and the app. */
public final class SdkBuildingService {

    public OpenTelemetrySdk build() {
        return OpenTelemetrySdk.builder().build();
    }
}
