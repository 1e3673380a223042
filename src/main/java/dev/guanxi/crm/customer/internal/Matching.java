package dev.guanxi.crm.customer.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** Normalization for duplicate matching: phone digits, e-mail, organization names without legal suffixes. */
public final class Matching {

    private static final Pattern LEGAL_SUFFIX = Pattern.compile(
            "(股份有限公司|有限责任公司|有限公司|集团|公司|\\bco\\b\\.?|\\bcompany\\b|\\bltd\\b\\.?|\\blimited\\b|\\binc\\b\\.?"
                    + "|\\bllc\\b|\\bcorp\\b\\.?|\\bcorporation\\b|\\bgmbh\\b|\\bgroup\\b)", Pattern.CASE_INSENSITIVE);

    private Matching() {
    }

    /** "+86 138-1234-5678" → "13812345678"; null when fewer than 5 digits. */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("\\D", "");
        if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        } else if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        return digits.length() >= 5 ? digits : null;
    }

    public static String email(String email) {
        return email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /** "杭州云帆科技有限公司" → "杭州云帆科技"; "Bright Electronics Co., Ltd." → "brightelectronics". */
    public static String organization(String name) {
        if (name == null) {
            return null;
        }
        String core = LEGAL_SUFFIX.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("");
        core = core.replaceAll("[\\s\\p{Punct}（）()，。、]", "");
        return core.isEmpty() ? null : core;
    }
}
