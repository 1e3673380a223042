package dev.guanxi.crm.support;

import net.ttddyy.dsproxy.QueryCountHolder;

/** Counts the SQL statements some work runs through the application's data source (datasource-proxy). */
public final class Statements {

    private Statements() {
    }

    public static long counted(Runnable work) {
        QueryCountHolder.clear();
        work.run();
        long n = QueryCountHolder.getGrandTotal().getTotal();
        QueryCountHolder.clear();
        return n;
    }
}
