package dev.hotplex.app.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.hotplex.provider.codex.CodexHomeScope;
import dev.hotplex.provider.codex.CodexPrice;
import dev.hotplex.provider.codex.CodexProviderConfig;
import dev.hotplex.provider.process.SandboxConfig;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code codex:} section: how the OpenAI Codex CLI ({@code codex app-server}) is launched. Unset fields keep
 * the provider's defaults.
 *
 * @param home      {@code CODEX_HOME} ({@code ~/x} is under the user's home); unset: Codex's own {@code ~/.codex}
 * @param envAllow  more engine environment variables passed through, on top of the provider's base list
 * @param prices    US dollars per million tokens, per model name; a model without one reports no cost
 * @param homeScope whose {@code CODEX_HOME} a session gets: {@code tenant} (default), {@code session} or
 *                  {@code engine}
 */
public record CodexSettings(
        String binary,
        String model,
        String home,
        String sandbox,
        String approvalPolicy,
        Map<String, String> env,
        @JsonDeserialize(using = CommaListDeserializer.class) List<String> envAllow,
        Integer maxLineBytes,
        Duration startupTimeout,
        Duration shutdownGrace,
        Map<String, Price> prices,
        String homeScope) {

    static final CodexSettings EMPTY = new CodexSettings(null, null, null, null, null, null, null, null, null, null,
            null, null);

    public CodexSettings {
        if (homeScope != null) {
            try {
                CodexHomeScope.parse(homeScope.strip());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("codex.home-scope: " + e.getMessage());
            }
        }
    }

    /** {@code input}, {@code cached-input} and {@code output}, each in US dollars per million tokens. */
    public record Price(BigDecimal input, BigDecimal cachedInput, BigDecimal output) {
        CodexPrice toCodexPrice(String model) {
            if (input == null || output == null) {
                throw new IllegalArgumentException("codex prices." + model + " needs input and output");
            }
            return new CodexPrice(input, cachedInput == null ? input : cachedInput, output);
        }
    }

    /** The provider's settings; its process groups and session → thread records live under {@code stateDir}. */
    public CodexProviderConfig toProviderConfig(Path stateDir, Path userHome) {
        return toProviderConfig(stateDir, userHome, CodexProviderConfig.defaults().osSandbox());
    }

    /** {@link #toProviderConfig(Path, Path)}, each CLI confined by {@code osSandbox} (the {@code sandbox:} section). */
    public CodexProviderConfig toProviderConfig(Path stateDir, Path userHome, SandboxConfig osSandbox) {
        CodexProviderConfig defaults = CodexProviderConfig.defaults();
        List<String> allow = new ArrayList<>(defaults.envAllow());
        if (envAllow != null) {
            allow.addAll(envAllow);
        }
        Optional<Path> codexHome = home == null || home.isBlank() ? Optional.empty()
                : Optional.of(HomePaths.resolve(home, userHome, userHome));
        return new CodexProviderConfig(
                binary == null ? defaults.binary() : binary,
                Optional.ofNullable(model),
                codexHome,
                sandbox == null ? defaults.sandbox() : sandbox,
                approvalPolicy == null ? defaults.approvalPolicy() : approvalPolicy,
                allow,
                env == null ? Map.of() : env,
                maxLineBytes == null ? defaults.maxLineBytes() : maxLineBytes,
                startupTimeout == null ? defaults.startupTimeout() : startupTimeout,
                shutdownGrace == null ? defaults.shutdownGrace() : shutdownGrace,
                stateDir,
                codexPrices(),
                osSandbox,
                homeScope == null ? defaults.homeScope() : CodexHomeScope.parse(homeScope.strip()));
    }

    private Map<String, CodexPrice> codexPrices() {
        Map<String, CodexPrice> table = new LinkedHashMap<>();
        if (prices != null) {
            prices.forEach((model, price) -> table.put(model, price == null
                    ? new Price(null, null, null).toCodexPrice(model) : price.toCodexPrice(model)));
        }
        return table;
    }

    @Override
    public String toString() {
        // extra environment may carry keys: show names only
        return "CodexSettings[binary=" + binary + ", model=" + model + ", home=" + home + ", sandbox=" + sandbox
                + ", approvalPolicy=" + approvalPolicy + ", homeScope=" + homeScope + ", env="
                + (env == null ? "{}" : env.keySet()) + "]";
    }
}
