package dev.guanxi.crm.common.internal;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class SlowQueryLogTest {

    @Test
    void logsStatementsAtOrAboveTheThresholdWithSqlAndTime(CapturedOutput output) {
        SlowQueryLog log = new SlowQueryLog(500);
        log.afterQuery(execution(499), List.of(new QueryInfo("SELECT fast")));
        log.afterQuery(execution(730), List.of(new QueryInfo("SELECT *\n  FROM customers WHERE name ILIKE ?")));
        assertThat(output.getOut() + output.getErr())
                .doesNotContain("SELECT fast")
                .contains("Slow SQL (730 ms): SELECT * FROM customers WHERE name ILIKE ?");
    }

    private static ExecutionInfo execution(long elapsedMs) {
        ExecutionInfo info = new ExecutionInfo();
        info.setElapsedTime(elapsedMs);
        return info;
    }
}
