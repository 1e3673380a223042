package dev.guanxi.crm.demo.internal;

import java.time.Duration;
import java.util.List;

/**
 * What one demo data load created.
 *
 * @param password the one generated password of all demo users
 */
record DemoData(List<DemoStaff.Member> users, String password, long customers, long contacts, Duration loadTime) {

    DemoData took(Duration time) {
        return new DemoData(users, password, customers, contacts, time);
    }

    long rowsPerSecond() {
        return Math.round((customers + contacts) / Math.max(loadTime.toNanos() / 1e9, 1e-3));
    }
}
