package dev.guanxi.crm.common.internal;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.Collectors;

/** Logs every statement that took longer than the threshold, with its SQL and time (not its parameters: personal data). */
final class SlowQueryLog implements QueryExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(SlowQueryLog.class);
    private static final int MAX_SQL = 4000;

    private final long thresholdMs;

    SlowQueryLog(long thresholdMs) {
        this.thresholdMs = thresholdMs;
    }

    @Override
    public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
    }

    @Override
    public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        if (thresholdMs >= 0 && execution.getElapsedTime() >= thresholdMs) {
            log.warn("Slow SQL ({} ms{}): {}", execution.getElapsedTime(),
                    execution.isBatch() ? ", batch of " + execution.getBatchSize() : "", sql(queries));
        }
    }

    static String sql(List<QueryInfo> queries) {
        String sql = queries.stream().map(QueryInfo::getQuery).map(q -> q.replaceAll("\\s+", " ").strip())
                .collect(Collectors.joining("; "));
        return sql.length() > MAX_SQL ? sql.substring(0, MAX_SQL) + "…" : sql;
    }
}
