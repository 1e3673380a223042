package dev.guanxi.crm.common;

import java.util.List;

/**
 * One reason an input was rejected.
 *
 * @param field      the input field, as named in the request
 * @param messageKey a key of messages.properties, resolved in the user's language
 * @param args       arguments of the message ({0}, {1} …), e.g. the limit that was exceeded
 */
public record FieldProblem(String field, String messageKey, List<Object> args) {

    public FieldProblem {
        args = List.copyOf(args);
    }

    public FieldProblem(String field, String messageKey) {
        this(field, messageKey, List.of());
    }
}
