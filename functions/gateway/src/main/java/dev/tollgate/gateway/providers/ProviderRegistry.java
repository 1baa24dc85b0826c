package dev.tollgate.gateway.providers;

import dev.tollgate.gateway.config.ConfigException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** All providers the gateway knows, by id. */
@Singleton
public class ProviderRegistry {
    private final Map<String, Provider> byId;

    public ProviderRegistry(List<Provider> providers) {
        this.byId = providers.stream().collect(Collectors.toMap(Provider::id, p -> p, (a, b) -> a, TreeMap::new));
    }

    public Provider get(String id) {
        Provider provider = byId.get(id);
        if (provider == null) {
            throw new ConfigException("unknown provider '" + id + "'; known providers: " + byId.keySet());
        }
        return provider;
    }
}
