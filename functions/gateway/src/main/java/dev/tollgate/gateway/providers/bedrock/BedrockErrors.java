package dev.tollgate.gateway.providers.bedrock;

import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.providers.UpstreamException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Error mapping, in one place: Bedrock's exceptions to OpenAI-shaped errors. Throttling (and a model
 * still loading) → 429 with {@code Retry-After}; ValidationException → 400 (a prompt over the context
 * window gets OpenAI's {@code context_length_exceeded}); AccessDenied → 403 saying what the role lacks;
 * ResourceNotFound → 404; ModelTimeout and SDK call timeouts → 504; anything else → 502.
 */
final class BedrockErrors {
    /** Bedrock sends no Retry-After; quotas are per minute, and clients back off on their own from here. */
    static final String DEFAULT_RETRY_AFTER_SECONDS = "1";

    private BedrockErrors() {}

    /** Worth another attempt before anything reached the client. */
    static boolean retryable(Throwable error) {
        Throwable e = unwrap(error);
        return e instanceof ThrottlingException
                || e instanceof ModelNotReadyException
                || e instanceof InternalServerException
                || e instanceof ServiceUnavailableException
                || e instanceof SdkClientException
                        && !(e instanceof ApiCallAttemptTimeoutException)
                        && !(e instanceof ApiCallTimeoutException);
    }

    static GatewayException from(Throwable error, ModelDeployment d, int attempts) {
        Throwable e = unwrap(error);
        String name = "Bedrock " + BedrockClients.region(d);
        if (e instanceof ModelTimeoutException
                || e instanceof ApiCallAttemptTimeoutException
                || e instanceof ApiCallTimeoutException) {
            return GatewayException.upstreamTimeout("Upstream " + name + " did not answer in time: " + message(e));
        }
        if (e instanceof ThrottlingException
                || e instanceof ModelNotReadyException
                || e instanceof ServiceQuotaExceededException) {
            String retryAfter = e instanceof AwsServiceException s && s.awsErrorDetails() != null
                    ? s.awsErrorDetails()
                            .sdkHttpResponse()
                            .firstMatchingHeader("Retry-After")
                            .orElse(DEFAULT_RETRY_AFTER_SECONDS)
                    : DEFAULT_RETRY_AFTER_SECONDS;
            return new UpstreamException(
                            429,
                            "rate_limit_error",
                            name + " throttled the call after " + attempts + " attempt(s): " + message(e),
                            null,
                            "rate_limit_exceeded",
                            attempts)
                    .withHeader("retry-after", retryAfter);
        }
        if (e instanceof ValidationException) {
            String message = message(e);
            String lower = message.toLowerCase(Locale.ROOT);
            boolean tooLong = lower.contains("too long")
                    || lower.contains("too many input tokens")
                    || lower.contains("context window")
                    || lower.contains("maximum context length");
            return new UpstreamException(
                    400,
                    "invalid_request_error",
                    message,
                    tooLong ? "messages" : null,
                    tooLong ? "context_length_exceeded" : "validation_error",
                    attempts);
        }
        if (e instanceof AccessDeniedException) {
            return new UpstreamException(
                    403,
                    "permission_error",
                    name + " denied access to model '" + d.upstreamModel()
                            + "': " + message(e) + ". The function's role needs bedrock:InvokeModel and "
                            + "bedrock:InvokeModelWithResponseStream on the model (and on the inference profile, for ids such as "
                            + "us.anthropic.…), and the model must be enabled under Bedrock model access in that region.",
                    null,
                    "access_denied",
                    attempts);
        }
        if (e instanceof ResourceNotFoundException) {
            return new UpstreamException(
                    404,
                    "invalid_request_error",
                    name + " has no model '" + d.upstreamModel() + "': " + message(e),
                    "model",
                    "model_not_found",
                    attempts);
        }
        if (e instanceof AwsServiceException s) {
            return new UpstreamException(
                    s.statusCode() >= 500 ? s.statusCode() : 502,
                    "upstream_error",
                    "Upstream " + name + " failed with " + s.awsErrorDetails().errorCode() + " after " + attempts
                            + " attempt(s): " + message(e),
                    null,
                    "upstream_error",
                    attempts);
        }
        if (e instanceof GatewayException o) {
            return o;
        }
        return GatewayException.upstreamUnavailable(
                "Could not reach upstream " + name + " after " + attempts + " attempt(s): " + message(e));
    }

    private static String message(Throwable e) {
        if (e instanceof AwsServiceException s
                && s.awsErrorDetails() != null
                && s.awsErrorDetails().errorMessage() != null) {
            return s.awsErrorDetails().errorMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof CompletionException
                        || current instanceof ExecutionException
                        || current instanceof SdkClientException && current.getCause() instanceof AwsServiceException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
