package dev.tollgate.gateway.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.bedrockruntime.model.AnyToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.AutoToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.SpecificToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;

/**
 * Request mapping of tools: OpenAI {@code tools[].function} to {@code toolConfig.tools[].toolSpec}
 * ({@code name}, {@code description}, {@code inputSchema.json}) and {@code tool_choice}
 * {@code auto | required | {function}} to {@code auto | any | tool}. Converse has no "none": with
 * {@code tool_choice: none} the tools are left out, unless the conversation already holds tool calls
 * (Converse then requires {@code toolConfig}), in which case the choice is left to the model.
 */
final class BedrockTools {
    private BedrockTools() {}

    static ToolConfiguration map(JsonNode openAi, boolean conversationUsesTools) {
        JsonNode tools = openAi.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return null;
        }
        JsonNode choice = openAi.get("tool_choice");
        boolean none = choice != null && "none".equals(choice.asText());
        if (none && !conversationUsesTools) {
            return null;
        }
        List<Tool> specs = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode function = tools.get(i).path("function");
            if (!"function".equals(tools.get(i).path("type").asText("function"))
                    || !function.path("name").isTextual()) {
                throw GatewayException.invalidRequest(
                        "Only function tools with a name are supported", "tools[" + i + "]");
            }
            JsonNode schema = function.path("parameters");
            ToolSpecification.Builder spec = ToolSpecification.builder()
                    .name(function.get("name").asText())
                    .inputSchema(ToolInputSchema.fromJson(Documents.from(schema.isObject() ? schema : emptySchema())));
            if (function.path("description").isTextual()) {
                spec.description(function.get("description").asText());
            }
            specs.add(Tool.fromToolSpec(spec.build()));
        }
        ToolConfiguration.Builder config = ToolConfiguration.builder().tools(specs);
        if (choice != null && !none && !choice.isNull()) {
            config.toolChoice(choice(choice));
        }
        return config.build();
    }

    private static JsonNode emptySchema() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        schema.putObject("properties");
        return schema;
    }

    private static ToolChoice choice(JsonNode choice) {
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "auto" -> ToolChoice.fromAuto(AutoToolChoice.builder().build());
                case "required" -> ToolChoice.fromAny(AnyToolChoice.builder().build());
                default ->
                    throw GatewayException.invalidRequest(
                            "tool_choice must be auto, required, none or a function", "tool_choice");
            };
        }
        String name = choice.path("function").path("name").asText("");
        if (name.isEmpty()) {
            throw GatewayException.invalidRequest("tool_choice must name a function", "tool_choice.function.name");
        }
        return ToolChoice.fromTool(SpecificToolChoice.builder().name(name).build());
    }
}
