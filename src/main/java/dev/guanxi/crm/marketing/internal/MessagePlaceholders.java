package dev.guanxi.crm.marketing.internal;

import org.springframework.web.util.HtmlUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders a message template may use ({{name}} …), checked when a template is saved and filled in per
 * customer when it is sent. Values are HTML-escaped in HTML mails; the template's own markup is left as written.
 */
public final class MessagePlaceholders {

    /** Customer fields and per-recipient values a template may use. */
    public static final List<String> ALLOWED = List.of("name", "contact", "province", "city", "owner", "today",
            "coupon");
    private static final Set<String> ALLOWED_SET = Set.copyOf(ALLOWED);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    private MessagePlaceholders() {
    }

    /** The placeholders of the text that are not allowed, and "{{" or "}}" that do not form a placeholder. */
    public static List<String> unknown(String text) {
        List<String> unknown = new ArrayList<>();
        if (text == null) {
            return unknown;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!ALLOWED_SET.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        String rest = PLACEHOLDER.matcher(text).replaceAll("");
        if (rest.contains("{{") || rest.contains("}}")) {
            unknown.add(rest.contains("{{") ? "{{" : "}}");
        }
        return unknown;
    }

    /** The text with each placeholder replaced by its value (empty when the value is missing). */
    public static String render(String text, Map<String, String> values, boolean html) {
        if (text == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.getOrDefault(m.group(1), "");
            value = value == null ? "" : value;
            m.appendReplacement(out, Matcher.quoteReplacement(html ? HtmlUtils.htmlEscape(value) : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
