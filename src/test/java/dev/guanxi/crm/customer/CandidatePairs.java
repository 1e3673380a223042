package dev.guanxi.crm.customer;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.util.Set;
import java.util.TreeSet;

/** Reads the review queue's row of a pair of customers, in either order. */
record CandidatePairs(JdbcClient jdbc) {

    private static final String PAIR =
            " FROM duplicate_candidates WHERE customer_a = least(?::bigint, ?::bigint) AND customer_b = greatest(?::bigint, ?::bigint)";

    /** The rules that paired the two customers, empty when they are no candidate pair. */
    Set<String> rules(long x, long y) {
        return new TreeSet<>(jdbc.sql("SELECT unnest(rules)" + PAIR).params(x, y, x, y).query(String.class).list());
    }

    BigDecimal score(long x, long y) {
        return jdbc.sql("SELECT score" + PAIR).params(x, y, x, y).query(BigDecimal.class).single();
    }
}
