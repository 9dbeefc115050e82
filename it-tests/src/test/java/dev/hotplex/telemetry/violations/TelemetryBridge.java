package dev.hotplex.telemetry.violations;

import dev.hotplex.telemetry.sdk.violations.SdkExporter;
import dev.hotplex.waf.internal.violations.RuleMatcher;

/** Test-only fixture: telemetry reaching into the WAF's internals, and into its own SDK package (which calls back). */
public final class TelemetryBridge {

    public void observe(RuleMatcher matcher, SdkExporter exporter) {
        matcher.getClass();
        exporter.export(this);
    }
}
