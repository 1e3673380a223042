package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.customer.CreditTerms;
import dev.guanxi.crm.customer.CustomerKind;
import dev.guanxi.crm.customer.CustomerType;
import dev.guanxi.crm.customer.Gender;
import dev.guanxi.crm.customer.LifecycleStage;
import dev.guanxi.crm.customer.LoyaltyStatus;
import dev.guanxi.crm.customer.RelationshipLevel;
import dev.guanxi.crm.customer.Settlement;
import dev.guanxi.crm.customer.ValueTier;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the text cells of an imported row into typed customer values. Choices are accepted as their code
 * ({@code VIP}) or their English or Chinese label ({@code 贵宾}), so an exported file imports again.
 */
@Component
class ImportValues {

    private static final Map<String, Class<? extends Enum<?>>> CHOICES = Map.of("kind", CustomerKind.class,
            "customerType", CustomerType.class, "valueTier", ValueTier.class, "loyaltyStatus", LoyaltyStatus.class,
            "settlement", Settlement.class, "creditTerms", CreditTerms.class, "lifecycleStage", LifecycleStage.class,
            "relationshipLevel", RelationshipLevel.class, "gender", Gender.class);
    private static final List<String> SOURCES = List.of("WEBSITE", "REFERRAL", "EXHIBITION", "COLD_CALL",
            "ADVERTISING", "PARTNER", "WECHAT");
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.ofPattern("yyyy-M-d"),
            DateTimeFormatter.ofPattern("yyyy.M.d"), DateTimeFormatter.ofPattern("yyyyMMdd"),
            DateTimeFormatter.ofPattern("yyyy年M月d日"));
    private static final Constructor<CustomerData> CONSTRUCTOR = constructor();

    private final Map<String, Map<String, Object>> choices = new HashMap<>();
    private final Map<String, String> sources = new HashMap<>();

    ImportValues(MessageSource messages) {
        List<Locale> locales = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);
        CHOICES.forEach((field, type) -> {
            Map<String, Object> byText = new HashMap<>();
            for (Enum<?> value : type.getEnumConstants()) {
                byText.put(value.name().toLowerCase(Locale.ROOT), value);
                for (Locale locale : locales) {
                    label(messages, "enum." + type.getSimpleName() + "." + value.name(), locale).ifPresent(l -> {
                        byText.put(l.toLowerCase(Locale.ROOT), value);
                        if (l.length() > 2 && l.endsWith("客户")) {
                            // 贵宾客户 is often written 贵宾
                            byText.putIfAbsent(l.substring(0, l.length() - 2), value);
                        }
                    });
                }
            }
            choices.put(field, byText);
        });
        for (String code : SOURCES) {
            sources.put(code.toLowerCase(Locale.ROOT), code);
            for (Locale locale : locales) {
                label(messages, "source." + code, locale).ifPresent(l -> sources.put(l.toLowerCase(Locale.ROOT), code));
            }
        }
    }

    private static java.util.Optional<String> label(MessageSource messages, String key, Locale locale) {
        try {
            return java.util.Optional.of(messages.getMessage(key, null, locale).strip());
        } catch (NoSuchMessageException e) {
            return java.util.Optional.empty();
        }
    }

    /** Typed values of the non-empty cells (field → value); a cell that does not parse adds a problem. */
    Map<String, Object> parse(Map<String, String> cells, List<FieldProblem> problems) {
        Map<String, Object> values = new LinkedHashMap<>();
        cells.forEach((field, raw) -> {
            if (raw == null || raw.isBlank() || "externalId".equals(field)) {
                return;
            }
            String text = raw.strip();
            Object value = switch (field) {
                case "creditLimit" -> money(text);
                case "birthDate" -> date(text);
                case "tags" -> Arrays.stream(text.split("[,，;；、|]")).map(String::strip)
                        .filter(t -> !t.isEmpty()).distinct().toList();
                case "source" -> sources.getOrDefault(text.toLowerCase(Locale.ROOT), text);
                default -> CHOICES.containsKey(field) ? choices.get(field).get(text.toLowerCase(Locale.ROOT)) : text;
            };
            if (value == null) {
                problems.add(new FieldProblem(field, CHOICES.containsKey(field) ? "validation.import-choice"
                        : "birthDate".equals(field) ? "validation.import-date" : "validation.import-number"));
            } else {
                values.put(field, value);
            }
        });
        return values;
    }

    private static BigDecimal money(String text) {
        try {
            return new BigDecimal(text.replaceAll("[,，¥￥\\s]|CNY|元", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate date(String text) {
        String t = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) : text;
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(t, f);
            } catch (DateTimeParseException e) {
                // try the next pattern
            }
        }
        return null;
    }

    /** A customer from typed values over a base (null: a new customer with sensible defaults). */
    static CustomerData build(CustomerData base, Map<String, Object> values) {
        RecordComponent[] components = CustomerData.class.getRecordComponents();
        Object[] args = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                String name = components[i].getName();
                args[i] = values.containsKey(name) ? values.get(name)
                        : base == null ? null : components[i].getAccessor().invoke(base);
            }
            CustomerData d = CONSTRUCTOR.newInstance(args);
            if (base == null) {
                CustomerType type = d.customerType() == null ? CustomerType.CONSUMER : d.customerType();
                CustomerKind kind = d.kind() != null ? d.kind()
                        : type == CustomerType.BUSINESS || type == CustomerType.CHANNEL ? CustomerKind.ORGANIZATION
                        : CustomerKind.PERSON;
                d = new CustomerData(kind, d.name(), type, d.valueTier(), d.loyaltyStatus(), d.settlement(),
                        d.creditTerms(), d.creditLimit(), d.lifecycleStage(), d.relationshipLevel(), d.industry(),
                        d.occupation(), d.birthDate(), d.gender(), d.province(), d.city(), d.district(), d.address(),
                        d.source(), d.tags(), d.phone(), d.email(), d.idNumber(), d.notes(), d.customFields(),
                        d.ownerId());
            }
            return d.normalized();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Constructor<CustomerData> constructor() {
        try {
            return CustomerData.class.getDeclaredConstructor(Arrays.stream(CustomerData.class.getRecordComponents())
                    .map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
