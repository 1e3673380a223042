package dev.guanxi.crm.common;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.ArrayList;
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

    /**
     * The bean-validation violations of a record as problems on its top-level fields (as a form reports them). The
     * text of {@code validation.size.max} names the constraint's {@code {max}} for bean validation; a problem is
     * resolved later, in the reader's language, with numbered arguments, so it takes {@code validation.too-long} with
     * the limit instead.
     */
    public static List<FieldProblem> violations(Validator validator, Object bean) {
        List<FieldProblem> problems = new ArrayList<>();
        for (ConstraintViolation<Object> v : validator.validate(bean)) {
            String template = v.getMessageTemplate();
            String key = template.startsWith("{") ? template.substring(1, template.length() - 1) : template;
            String field = v.getPropertyPath().toString().replaceAll("[\\[.].*$", "");
            Object max = v.getConstraintDescriptor().getAttributes().get("max");
            problems.add("validation.size.max".equals(key) && max != null
                    ? new FieldProblem(field, "validation.too-long", List.of(max))
                    : new FieldProblem(field, key));
        }
        return problems;
    }
}
