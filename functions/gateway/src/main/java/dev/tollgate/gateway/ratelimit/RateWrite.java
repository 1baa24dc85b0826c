package dev.tollgate.gateway.ratelimit;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One update of one rate item, sent either on its own ({@code UpdateItem}) or as part of a
 * {@code TransactWriteItems}. A conditional write asks for the old item when its condition fails, so a
 * refusal can say how much was used (and the limiter can free expired in-flight slots) with no extra read.
 *
 * @param key       pk and sk
 * @param update    the update expression
 * @param condition the condition expression, or null
 * @param names     expression attribute names
 * @param values    expression attribute values
 */
record RateWrite(
        Map<String, AttributeValue> key,
        String update,
        String condition,
        Map<String, String> names,
        Map<String, AttributeValue> values) {

    RateWrite {
        names = names == null || names.isEmpty() ? null : names; // DynamoDB rejects an empty map
    }

    TransactWriteItem inTransaction(String table) {
        Update.Builder b = Update.builder()
                .tableName(table)
                .key(key)
                .updateExpression(update)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values);
        if (condition != null) {
            b.conditionExpression(condition)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        }
        return TransactWriteItem.builder().update(b.build()).build();
    }

    /** On its own: returns the updated attributes, so a lone counter needs no read for its headers. */
    UpdateItemRequest alone(String table) {
        UpdateItemRequest.Builder b = UpdateItemRequest.builder()
                .tableName(table)
                .key(key)
                .updateExpression(update)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.UPDATED_NEW);
        if (condition != null) {
            b.conditionExpression(condition)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        }
        return b.build();
    }
}
