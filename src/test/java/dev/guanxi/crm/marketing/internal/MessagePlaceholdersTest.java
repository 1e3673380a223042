package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.marketing.MessageChannel;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessagePlaceholdersTest {

    @Test
    void onlyWhitelistedPlaceholdersAreAccepted() {
        assertThat(MessagePlaceholders.unknown("您好 {{name}}，{{ contact }} · {{coupon}}")).isEmpty();
        assertThat(MessagePlaceholders.unknown("{{name}} {{password}} {{ idNumber }}")).containsExactly("password", "idNumber");
        assertThat(MessagePlaceholders.unknown("Hello {{name")).containsExactly("{{");
        assertThat(MessagePlaceholders.unknown("Hello name}}")).containsExactly("}}");
        assertThatThrownBy(() -> MessageService.check(new MessageTemplates.MessageTemplateData("t", MessageChannel.EMAIL,
                "Hi {{nam}}", "x {{city}}")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly("subject"));
        assertThatThrownBy(() -> MessageService.check(new MessageTemplates.MessageTemplateData("t", MessageChannel.EMAIL,
                null, "x")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void valuesAreEscapedInHtmlButNotTheTemplatesMarkup() {
        Map<String, String> values = Map.of("name", "<script>alert(1)</script> & 张三");
        assertThat(MessagePlaceholders.render("<p>您好 {{name}}</p>{{city}}", values, true))
                .isEqualTo("<p>您好 &lt;script&gt;alert(1)&lt;/script&gt; &amp; 张三</p>");
        assertThat(MessagePlaceholders.render("Hi {{ name }} $1 \\", values, false))
                .isEqualTo("Hi <script>alert(1)</script> & 张三 $1 \\");
    }
}
