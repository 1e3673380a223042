package dev.guanxi.crm.common;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Bean-validation violations as problems that resolve with their limit in the reader's language. */
class FieldProblemTest {

    record Named(@NotBlank(message = "{validation.required}") @Size(max = 5, message = "{validation.size.max}") String name,
                 List<@Size(max = 3, message = "{validation.size.max}") String> tags) {
    }

    @Test
    void aTooLongValueIsAProblemWithItsLimit() {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();
            assertThat(FieldProblem.violations(validator, new Named("far too long", List.of("ok", "long tag"))))
                    .containsExactlyInAnyOrder(new FieldProblem("name", "validation.too-long", List.of(5)),
                            new FieldProblem("tags", "validation.too-long", List.of(3)));
            assertThat(FieldProblem.violations(validator, new Named(" ", List.of())))
                    .containsExactly(new FieldProblem("name", "validation.required"));
        }
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        assertThat(messages.getMessage("validation.too-long", new Object[] {200}, Locale.ENGLISH))
                .isEqualTo("is too long (at most 200 characters)");
        assertThat(messages.getMessage("validation.too-long", new Object[] {200}, Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("太长（最多 200 个字符）");
    }
}
