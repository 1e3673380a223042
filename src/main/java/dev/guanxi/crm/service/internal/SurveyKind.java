package dev.guanxi.crm.service.internal;

/** CSAT: 1–5 after a closed ticket. NPS: 0–10, "would you recommend us", sent by campaign. */
public enum SurveyKind {
    CSAT(1, 5), NPS(0, 10);

    private final int min;
    private final int max;

    SurveyKind(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public boolean accepts(int score) {
        return score >= min && score <= max;
    }
}
