package dev.guanxi.crm.sales.internal;

import java.util.Locale;

/** A stage definition of the sales pipeline (业务阶段) with its win probability. */
public record Stage(String code, String nameEn, String nameZh, int probability, int position, Outcome outcome) {

    public enum Outcome { OPEN, WON, LOST }

    public boolean open() {
        return outcome == Outcome.OPEN;
    }

    public String name(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }
}
