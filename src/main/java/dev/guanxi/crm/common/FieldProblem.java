package dev.guanxi.crm.common;

/**
 * One reason an input was rejected.
 *
 * @param field      the input field, as named in the request
 * @param messageKey a key of messages.properties, resolved in the user's language
 */
public record FieldProblem(String field, String messageKey) {
}
