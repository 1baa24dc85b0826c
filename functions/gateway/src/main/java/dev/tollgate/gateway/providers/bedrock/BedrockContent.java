package dev.tollgate.gateway.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.errors.GatewayException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointType;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageFormat;
import software.amazon.awssdk.services.bedrockruntime.model.ImageSource;
import software.amazon.awssdk.services.bedrockruntime.model.S3Location;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;

/**
 * Request mapping of message content to Converse content blocks: text, images (base64 {@code data:}
 * URLs as bytes, {@code s3://} URLs as S3 locations; Converse cannot fetch http URLs), and a part's
 * {@code cache_control} as a {@code cachePoint} block right after it (Bedrock's prompt caching).
 */
final class BedrockContent {
    private static final CachePointBlock CACHE_POINT =
            CachePointBlock.builder().type(CachePointType.DEFAULT).build();

    private BedrockContent() {}

    static List<ContentBlock> blocks(JsonNode content, String where) {
        List<ContentBlock> blocks = new ArrayList<>();
        for (Part part : parts(content, where)) {
            blocks.add(part.text != null ? ContentBlock.fromText(part.text) : ContentBlock.fromImage(part.image));
            if (part.cached) {
                blocks.add(ContentBlock.fromCachePoint(CACHE_POINT));
            }
        }
        return blocks;
    }

    static List<SystemContentBlock> system(JsonNode content, String where) {
        List<SystemContentBlock> blocks = new ArrayList<>();
        for (Part part : parts(content, where)) {
            if (part.text == null) {
                throw GatewayException.invalidRequest("A system message can only hold text", where);
            }
            blocks.add(SystemContentBlock.fromText(part.text));
            if (part.cached) {
                blocks.add(SystemContentBlock.fromCachePoint(CACHE_POINT));
            }
        }
        return blocks;
    }

    static List<ToolResultContentBlock> toolResult(JsonNode content, String where) {
        List<ToolResultContentBlock> blocks = new ArrayList<>();
        for (Part part : parts(content, where)) {
            blocks.add(
                    part.text != null
                            ? ToolResultContentBlock.fromText(part.text)
                            : ToolResultContentBlock.fromImage(part.image));
        }
        if (blocks.isEmpty()) {
            blocks.add(ToolResultContentBlock.fromText(""));
        }
        return blocks;
    }

    private record Part(String text, ImageBlock image, boolean cached) {}

    private static List<Part> parts(JsonNode content, String where) {
        List<Part> parts = new ArrayList<>();
        if (content == null || content.isNull()) {
            return parts;
        }
        if (content.isTextual()) {
            if (!content.asText().isEmpty()) {
                parts.add(new Part(content.asText(), null, false));
            }
            return parts;
        }
        if (!content.isArray()) {
            throw GatewayException.invalidRequest("content must be a string or an array of parts", where);
        }
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            boolean cached = part.has("cache_control");
            switch (part.path("type").asText()) {
                case "text" -> {
                    if (!part.path("text").asText().isEmpty()) {
                        parts.add(new Part(part.path("text").asText(), null, cached));
                    }
                }
                case "image_url" -> {
                    JsonNode image = part.path("image_url");
                    String url = image.isTextual()
                            ? image.asText()
                            : image.path("url").asText();
                    parts.add(new Part(null, image(url, where + "[" + i + "].image_url.url"), cached));
                }
                default ->
                    throw GatewayException.invalidRequest(
                            "Content part type '" + part.path("type").asText() + "' is not supported by Bedrock",
                            where + "[" + i + "].type");
            }
        }
        return parts;
    }

    static ImageBlock image(String url, String where) {
        if (url.startsWith("s3://")) {
            String extension = url.substring(url.lastIndexOf('.') + 1);
            return ImageBlock.builder()
                    .format(format(extension, where))
                    .source(ImageSource.fromS3Location(
                            S3Location.builder().uri(url).build()))
                    .build();
        }
        int comma = url.indexOf(',');
        if (!url.startsWith("data:") || comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
            throw GatewayException.invalidRequest(
                    "Bedrock takes images inline: send a base64 data URL "
                            + "(data:image/png;base64,…) or an s3:// URL, not an http URL",
                    where);
        }
        String mediaType = url.substring(5, comma - ";base64".length());
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(url.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalidRequest("The image data URL is not valid base64", where);
        }
        return ImageBlock.builder()
                .format(format(mediaType.substring(mediaType.indexOf('/') + 1), where))
                .source(ImageSource.fromBytes(SdkBytes.fromByteArray(bytes)))
                .build();
    }

    private static ImageFormat format(String subtype, String where) {
        String name = subtype.toLowerCase(Locale.ROOT);
        ImageFormat format = ImageFormat.fromValue("jpg".equals(name) ? "jpeg" : name);
        if (format == null || format == ImageFormat.UNKNOWN_TO_SDK_VERSION) {
            throw GatewayException.invalidRequest("Bedrock takes png, jpeg, gif or webp images, not " + subtype, where);
        }
        return format;
    }
}
