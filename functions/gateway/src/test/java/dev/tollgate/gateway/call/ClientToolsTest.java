package dev.tollgate.gateway.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** User agents as the tools really send them → the client names reports group by. */
class ClientToolsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "claude-cli/2.1.328 (external, sdk-cli)|claude-code",
                "codex_exec/0.169.0 (Debian 12.0.0; x86_64) xterm (codex_exec; 0.169.0)|codex",
                "codex_cli_rs/0.169.0 (Mac OS 15.1.0; arm64)|codex",
                "Cursor/1.7.2|cursor",
                "AnthropicClientImpl/Java 3.16.0|anthropic-sdk",
                "Anthropic/Python 0.72.0|anthropic-sdk",
                "OpenAI/Python 2.8.1|openai-python",
                "OpenAI/JS 6.9.1|openai-node",
                "OpenAIClientImpl/Java 4.101.0|openai-java",
                "curl/8.5.0|curl",
                "Mozilla/5.0 (X11; Linux x86_64)|other"
            })
    void userAgent_namesItsTool(String userAgent, String client) {
        assertEquals(client, ClientTools.of(userAgent));
    }

    @Test
    void noUserAgent_isNoClient() {
        assertNull(ClientTools.of(null));
        assertNull(ClientTools.of(" "));
    }
}
