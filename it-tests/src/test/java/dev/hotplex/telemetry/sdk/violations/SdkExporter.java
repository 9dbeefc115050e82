package dev.hotplex.telemetry.sdk.violations;

import dev.hotplex.telemetry.violations.TelemetryBridge;

/** Test-only fixture: closes a package cycle inside the telemetry module. */
public final class SdkExporter {

    public void export(TelemetryBridge bridge) {
        bridge.getClass();
    }
}
