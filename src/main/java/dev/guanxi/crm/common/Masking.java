package dev.guanxi.crm.common;

/** Masks personal data for users without the permission to see it (DOMAIN §7). */
public final class Masking {

    private Masking() {
    }

    /** 13812345678 → 138****5678; short numbers keep only their last two digits. */
    public static String phone(String phone) {
        if (phone == null || phone.isBlank()) {
            return phone;
        }
        String p = phone.strip();
        if (p.length() >= 8) {
            return p.substring(0, 3) + "****" + p.substring(p.length() - 4);
        }
        return "*".repeat(Math.max(0, p.length() - 2)) + p.substring(Math.max(0, p.length() - 2));
    }

    /** wang.ming@example.com → w***@example.com */
    public static String email(String email) {
        if (email == null || email.isBlank()) {
            return email;
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    /** 110101199003071234 → 1101**********1234 */
    public static String idNumber(String id) {
        if (id == null || id.isBlank()) {
            return id;
        }
        String s = id.strip();
        if (s.length() <= 8) {
            return "*".repeat(s.length());
        }
        return s.substring(0, 4) + "*".repeat(s.length() - 8) + s.substring(s.length() - 4);
    }

    /** Street addresses: keep the first few characters only. */
    public static String address(String address) {
        if (address == null || address.isBlank()) {
            return address;
        }
        String s = address.strip();
        return s.substring(0, Math.min(4, s.length())) + "****";
    }
}
