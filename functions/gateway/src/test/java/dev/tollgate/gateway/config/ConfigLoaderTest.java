package dev.tollgate.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private final ConfigLoader loader =
            new ConfigLoader(Map.of("OPENAI_API_KEY", "sk-from-env", "GROQ_KEY", "gsk-1")::get);

    @Test
    void envReferences_bothSyntaxes_areResolved() {
        GatewayConfig config = loader.parse("""
                models:
                  - name: gpt-4o
                    api_base: https://api.openai.com/v1
                    api_key: ${OPENAI_API_KEY}
                  - model_name: llama
                    model: llama-3.3-70b-versatile
                    api_base: https://api.groq.com/openai/v1
                    api_key: os.environ/GROQ_KEY
                  - name: local
                    api_base: ${VLLM_BASE:-http://127.0.0.1:8000/v1}
                """, "test.yml");

        assertEquals("sk-from-env", config.model("gpt-4o").orElseThrow().apiKey());
        assertEquals("gsk-1", config.model("llama").orElseThrow().apiKey());
        assertEquals(
                "llama-3.3-70b-versatile", config.model("llama").orElseThrow().upstreamModel());
        assertEquals(
                "http://127.0.0.1:8000/v1", config.model("local").orElseThrow().apiBase());
        assertEquals("local", config.model("local").orElseThrow().upstreamModel(), "model defaults to the public name");
    }

    @Test
    void missingEnvVariable_isAnErrorNamingIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
                models:
                  - name: claude
                    api_key: ${ANTHROPIC_API_KEY}
                """, "test.yml"));

        assertTrue(e.getMessage().contains("ANTHROPIC_API_KEY"), e.getMessage());
    }

    @Test
    void unknownKey_isAnErrorNamingIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
                models:
                  - name: gpt-4o
                    api_bsae: https://api.openai.com/v1
                """, "test.yml"));

        assertTrue(e.getMessage().contains("api_bsae"), e.getMessage());
    }

    @Test
    void duplicateModelName_isAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
                models:
                  - name: a
                  - name: a
                """, "test.yml"));

        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void settings_overrideDefaults() {
        GatewayConfig config = loader.parse("""
                models: []
                settings:
                  max_request_bytes: 1024
                  default_max_retries: 0
                """, "test.yml");

        assertEquals(1024, config.settings().maxRequestBytesOrDefault());
        assertEquals(0, config.settings().maxRetries());
        assertEquals(100, config.settings().timeoutSeconds());
    }

    @Test
    void exampleConfigurationInTheRepository_parsesWithEverySection() {
        // the file the README points users to must stay valid (secrets are not needed to parse it)
        GatewayConfig config =
                new ConfigLoader(name -> null, false).load(java.nio.file.Path.of("../../tollgate.example.yml"));

        assertEquals(2, config.group("gpt-4o").size());
        assertEquals(List.of("claude-on-bedrock"), config.router().fallbacksFor("gpt-4o"));
        assertEquals("UTC", config.settings().budgetsOrDefault().zone());
        assertEquals(
                "http://127.0.0.1:8000/v1",
                config.model("qwen-local").orElseThrow().apiBase());
    }
}
