package dev.guanxi.crm.common;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.beans.NotReadablePropertyException;
import org.springframework.validation.BindingResult;

import java.util.function.UnaryOperator;

/** Bean validation of what a form will store, reported on the form's fields next to binding (type) errors. */
public final class Forms {

    private Forms() {
    }

    /**
     * Validates {@code value} and rejects each violation on the form field of the same path (mapped by
     * {@code fieldOf}), unless that field already has an error such as "must be a number".
     */
    public static <T> void validate(Validator validator, T value, BindingResult binding, UnaryOperator<String> fieldOf) {
        if (value == null) {
            return;
        }
        for (ConstraintViolation<T> v : validator.validate(value)) {
            String field = fieldOf.apply(v.getPropertyPath().toString());
            if (binding.getFieldErrorCount(field) > 0) {
                continue;
            }
            try {
                binding.rejectValue(field, "invalid", v.getMessage());
            } catch (NotReadablePropertyException notAFormField) {
                binding.reject("invalid", v.getMessage());
            }
        }
    }

    public static <T> void validate(Validator validator, T value, BindingResult binding) {
        validate(validator, value, binding, UnaryOperator.identity());
    }
}
