package dev.hotplex.adapter.cli.json;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One configured provider's agent CLI as {@code hotplex version} reports it: its version, or why it cannot be run.
 *
 * @param isDefault the provider a session gets when it names none
 */
public record ProviderVersion(String name, boolean isDefault, Optional<String> version, Optional<String> unavailable) {
    public ProviderVersion {
        requireNonNull(name, "name is null");
        requireNonNull(version, "version is null");
        requireNonNull(unavailable, "unavailable is null");
        if (version.isPresent() == unavailable.isPresent()) {
            throw new IllegalArgumentException("a provider has either a version or a reason it is unavailable");
        }
    }
}
