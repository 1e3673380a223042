package dev.guanxi.crm.support;

import java.util.List;

/** Values the bad-input sweeps put where an id or a parameter goes. */
public final class BadInput {

    /** In place of a record id: not a number, not there, negative, beyond a long. */
    public static final List<String> IDS = List.of("abc", "99999999", "-1", "99999999999999999999");

    /** In place of a parameter: a word, a negative number, beyond a long, an impossible date. */
    public static final List<String> VALUES = List.of("abc", "-5", "99999999999999999999", "2026-13-45");

    /** The path with every template variable ({@code {id}}, {@code {cid}} …) set to {@code id}. */
    public static String withIds(String pathPattern, String id) {
        return pathPattern.replaceAll("\\{[^}]+}", id);
    }

    private BadInput() {
    }
}
