/** Customer analytics: ABC, RFM, CLV, P(alive) and churn warning, lifecycle, clustering, basket rules, pivot reports. */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics")
package dev.guanxi.crm.analytics;
