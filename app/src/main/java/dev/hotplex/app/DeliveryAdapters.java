package dev.hotplex.app;

import com.google.inject.Module;
import dev.hotplex.app.config.ConfigException;
import dev.hotplex.app.config.HotplexSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The delivery adapters of this deployment, from {@code adapters:}: only the configured ones are installed, so an
 * adapter left out is not even built. Each brings the {@link dev.hotplex.adapter.cli.ServiceHost} that
 * {@code hotplex serve} runs. (The CLI adapter is the command line itself and always present.)
 */
final class DeliveryAdapters {
    private DeliveryAdapters() {
    }

    static List<Module> modules(HotplexSettings settings, Path workspace) {
        if (settings.adapters().isEmpty()) {
            throw new ConfigException("adapters: name at least one delivery adapter");
        }
        List<Module> modules = new ArrayList<>();
        for (String adapter : settings.adapters()) {
            modules.add(switch (adapter) {
                case "http" -> new HttpAdapterModule(settings.http().toHttpConfig(workspace));
                default -> throw new ConfigException("adapters: unknown adapter '" + adapter + "'");
            });
        }
        return List.copyOf(modules);
    }
}
