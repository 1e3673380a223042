package dev.guanxi.crm.service.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.LongStream;

/**
 * CSAT and NPS from answer counts. CSAT: mean of 1–5 and the share satisfied (4 or 5). NPS: % promoters (9–10)
 * minus % detractors (0–6), from −100 to 100; passives (7–8) count in the total only.
 */
public final class SurveyMath {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private SurveyMath() {
    }

    /** @param distribution answers per score 1..5 (index 0 = score 1) */
    public record Csat(long responses, BigDecimal mean, BigDecimal satisfiedPct, List<Long> distribution) {
    }

    /** @param distribution answers per score 0..10 */
    public record Nps(long responses, BigDecimal score, BigDecimal promotersPct, BigDecimal passivesPct,
                      BigDecimal detractorsPct, List<Long> distribution) {
    }

    public static Csat csat(long[] distribution) {
        if (distribution.length != 5) {
            throw new IllegalArgumentException("CSAT needs counts for the scores 1 to 5");
        }
        long n = LongStream.of(distribution).sum();
        long sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += distribution[i] * (i + 1);
        }
        BigDecimal mean = n == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP);
        return new Csat(n, mean, pct(distribution[3] + distribution[4], n), LongStream.of(distribution).boxed().toList());
    }

    public static Nps nps(long[] distribution) {
        if (distribution.length != 11) {
            throw new IllegalArgumentException("NPS needs counts for the scores 0 to 10");
        }
        long n = LongStream.of(distribution).sum();
        long detractors = LongStream.of(distribution).limit(7).sum();
        long passives = distribution[7] + distribution[8];
        long promoters = distribution[9] + distribution[10];
        BigDecimal score = n == 0 ? null : BigDecimal.valueOf((promoters - detractors) * 100)
                .divide(BigDecimal.valueOf(n), 1, RoundingMode.HALF_UP);
        return new Nps(n, score, pct(promoters, n), pct(passives, n), pct(detractors, n),
                LongStream.of(distribution).boxed().toList());
    }

    /** Counts per score of a list of scores from {@code min} to {@code max}. */
    public static long[] distribution(List<Integer> scores, int min, int max) {
        long[] counts = new long[max - min + 1];
        for (int s : scores) {
            if (s < min || s > max) {
                throw new IllegalArgumentException("Score " + s + " is outside " + min + ".." + max);
            }
            counts[s - min]++;
        }
        return counts;
    }

    private static BigDecimal pct(long part, long n) {
        return n == 0 ? null : BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(n), 1, RoundingMode.HALF_UP);
    }
}
