package dev.tollgate.gateway.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code tollgate.yml}. Secrets stay out of the file: a string value {@code ${NAME}} or
 * {@code os.environ/NAME} is replaced by the environment variable, and a missing variable is an error
 * that names it. Unknown keys are errors too, so a typo never silently changes behaviour.
 */
public final class ConfigLoader {
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final String LITELLM_ENV_PREFIX = "os.environ/";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Function<String, String> env;
    private final boolean strict;

    public ConfigLoader(Function<String, String> env) {
        this(env, true);
    }

    /**
     * @param strict false for functions that never call a provider (the scheduled jobs): a missing
     *               secret then resolves to an empty string instead of stopping the start
     */
    public ConfigLoader(Function<String, String> env, boolean strict) {
        this.env = env;
        this.strict = strict;
    }

    public ConfigLoader() {
        this(System::getenv);
    }

    /** The configuration used when no file is given: the offline mock models. */
    public static GatewayConfig defaults() {
        MockSettings quick = MockSettings.DEFAULT;
        return new GatewayConfig(
                List.of(
                        new ModelDeployment(
                                "mock-gpt-4o-mini",
                                "mock",
                                "mock-gpt-4o-mini",
                                null,
                                null,
                                null,
                                null,
                                "gpt-4o-mini",
                                null,
                                null,
                                quick,
                                null,
                                null,
                                null,
                                null),
                        // for Claude Code (ANTHROPIC_MODEL=mock-claude-sonnet): priced as Claude Sonnet 4.5
                        new ModelDeployment(
                                "mock-claude-sonnet",
                                "mock",
                                "mock-claude-sonnet",
                                null,
                                null,
                                null,
                                null,
                                "claude-sonnet-4-5",
                                null,
                                null,
                                quick,
                                null,
                                null,
                                null,
                                null),
                        new ModelDeployment(
                                "mock-embedding",
                                "mock",
                                "mock-embedding",
                                null,
                                null,
                                null,
                                null,
                                "text-embedding-3-small",
                                null,
                                null,
                                quick,
                                null,
                                null,
                                null,
                                null)),
                GatewaySettings.DEFAULT,
                "built-in defaults");
    }

    public GatewayConfig load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    public GatewayConfig parse(String yamlText, String source) {
        JsonNode root;
        try {
            root = yaml.readTree(yamlText);
        } catch (IOException e) {
            throw new ConfigException(
                    source + " is not valid YAML: "
                            + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                                    ? j.getOriginalMessage()
                                    : e.getMessage()),
                    e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(source + " is empty");
        }
        if (!(root instanceof ObjectNode object)) {
            throw new ConfigException(source + " must be a mapping with 'models' and 'settings'");
        }
        List<String> unknown = new ArrayList<>();
        object.fieldNames().forEachRemaining(f -> {
            if (!f.equals("models") && !f.equals("settings") && !f.equals("router_settings")) {
                unknown.add(f);
            }
        });
        if (!unknown.isEmpty()) {
            throw new ConfigException(source + ": unknown top-level key(s) " + unknown
                    + "; expected 'models', 'settings' and 'router_settings'");
        }
        JsonNode resolved = substitute(object, source);
        try {
            ModelDeployment[] models = yaml.treeToValue(resolved.path("models"), ModelDeployment[].class);
            GatewaySettings settings = resolved.has("settings")
                    ? yaml.treeToValue(resolved.get("settings"), GatewaySettings.class)
                    : GatewaySettings.DEFAULT;
            RouterSettings router = resolved.has("router_settings")
                    ? yaml.treeToValue(resolved.get("router_settings"), RouterSettings.class)
                    : RouterSettings.DEFAULT;
            List<ModelDeployment> list = models == null ? List.of() : List.of(models);
            return new GatewayConfig(list, settings, router, source);
        } catch (IOException e) {
            throw new ConfigException(
                    source + ": "
                            + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                                    ? j.getOriginalMessage()
                                    : e.getMessage()),
                    e);
        }
    }

    private JsonNode substitute(JsonNode node, String source) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(substitute(field.getValue(), source));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, substitute(array.get(i), source));
            }
            return array;
        }
        if (node.isTextual()) {
            return new TextNode(resolveText(node.asText(), source));
        }
        return node;
    }

    private String resolveText(String text, String source) {
        if (text.startsWith(LITELLM_ENV_PREFIX)) {
            return required(text.substring(LITELLM_ENV_PREFIX.length()), null, source);
        }
        Matcher m = ENV_REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(required(m.group(1), m.group(2), source)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String required(String name, String fallback, String source) {
        String value = env.apply(name);
        if (value != null) {
            return value;
        }
        if (fallback != null) {
            return fallback;
        }
        if (!strict) {
            return "";
        }
        throw new ConfigException(source + " refers to environment variable " + name + ", which is not set");
    }
}
