package dev.hotplex.app;

import dev.hotplex.app.config.HotplexSettings;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The telemetry module for these settings: {@code telemetry:} over the {@code OTEL_*} variables, one instance id per run. */
final class TelemetryWiring {
    private TelemetryWiring() {
    }

    static TelemetryModule module(HotplexSettings settings, Map<String, String> environment) {
        String version = HotplexMain.class.getPackage().getImplementationVersion();
        return new TelemetryModule(settings.telemetry().toTelemetryConfig(environment,
                version == null ? "dev" : version, UUID.randomUUID().toString(),
                Optional.ofNullable(settings.claude().model()).filter(model -> !model.isBlank())));
    }
}
