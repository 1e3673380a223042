package dev.guanxi.crm.common;

import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the text cells of imported files the way Chinese and international spreadsheets write them: amounts with
 * thousands separators and currency signs, dates in ISO and common Chinese formats, choices by code or label.
 */
public final class ImportCells {

    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.ofPattern("yyyy-M-d"),
            DateTimeFormatter.ofPattern("yyyy.M.d"), DateTimeFormatter.ofPattern("yyyyMMdd"),
            DateTimeFormatter.ofPattern("yyyy年M月d日"));
    private static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    private ImportCells() {
    }

    /** The stripped cell of the field, or {@code otherwise} when it is empty (an empty cell keeps a stored value). */
    public static String text(Map<String, String> cells, String field, String otherwise) {
        String cell = cells.get(field);
        return cell == null || cell.isBlank() ? otherwise : cell.strip();
    }

    /** The stripped, lower-case text: how codes and numbers (SKUs, order numbers, references) are compared. */
    public static String lower(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * A match key as stored records are compared: the digits of a phone ({@code field} "phone"), otherwise the
     * lower-case text (e-mail, codes); null when empty.
     */
    public static String key(String field, String cell) {
        if (cell == null || cell.isBlank()) {
            return null;
        }
        String key = "phone".equals(field) ? cell.replaceAll("\\D", "") : lower(cell);
        return key.isEmpty() ? null : key;
    }

    /** An amount such as {@code ¥1,234.50} or {@code 1234.5元}; null when it is not a number. */
    public static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text.strip().replaceAll("[,，¥￥\\s]|CNY|元", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A date such as 2026-03-07, 2026/3/7, 2026.3.7, 20260307 or 2026年3月7日 (a time after it ignored); or null. */
    public static LocalDate date(String text) {
        String t = text.strip();
        t = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) : t;
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(t, f);
            } catch (DateTimeParseException e) {
                // try the next pattern
            }
        }
        return null;
    }

    /** Yes or no in English or Chinese (是/否, 1/0, true/false, y/n); null for anything else. */
    public static Boolean yesNo(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true", "1", "是", "√" -> Boolean.TRUE;
            case "no", "n", "false", "0", "否", "不是" -> Boolean.FALSE;
            default -> null;
        };
    }

    /**
     * Lower-case code and label (English and Chinese, from the message key {@code prefix + code}) → value, so that
     * both {@code VIP} and {@code 贵宾} are read; a label ending in 客户 also counts without it (贵宾客户 → 贵宾).
     */
    public static <T> Map<String, T> choices(MessageSource messages, String prefix, Map<String, T> byCode) {
        Map<String, T> byText = new HashMap<>();
        byCode.forEach((code, value) -> {
            byText.put(code.toLowerCase(Locale.ROOT), value);
            for (Locale locale : LOCALES) {
                label(messages, prefix + code, locale).ifPresent(l -> {
                    byText.put(l.toLowerCase(Locale.ROOT), value);
                    if (l.length() > 2 && l.endsWith("客户")) {
                        byText.putIfAbsent(l.substring(0, l.length() - 2), value);
                    }
                });
            }
        });
        return byText;
    }

    /** {@link #choices} for the constants of an enum, labelled {@code enum.<Type>.<NAME>}. */
    public static <E extends Enum<E>> Map<String, E> choices(MessageSource messages, Class<E> type) {
        Map<String, E> byCode = new HashMap<>();
        for (E value : type.getEnumConstants()) {
            byCode.put(value.name(), value);
        }
        return choices(messages, "enum." + type.getSimpleName() + ".", byCode);
    }

    private static Optional<String> label(MessageSource messages, String key, Locale locale) {
        try {
            return Optional.of(messages.getMessage(key, null, locale).strip());
        } catch (NoSuchMessageException e) {
            return Optional.empty();
        }
    }
}
