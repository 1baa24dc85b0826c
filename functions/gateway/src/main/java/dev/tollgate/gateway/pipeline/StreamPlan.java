package dev.tollgate.gateway.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.pricing.ModelPrice;

/**
 * How to relay one stream.
 *
 * @param request          the client's request (for token estimation when the upstream sends no usage)
 * @param price            the model's price
 * @param clientWantsUsage whether the client asked for the usage chunk ({@code stream_options.include_usage});
 *                         the gateway always asks the upstream for it, and drops it when the client did not
 * @param tokenizerModel   the model name the tokenizer should count as
 */
public record StreamPlan(ObjectNode request, ModelPrice price, boolean clientWantsUsage, String tokenizerModel) {}
