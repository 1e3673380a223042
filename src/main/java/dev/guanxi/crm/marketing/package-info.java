/** Marketing: target groups, segments, campaigns with expenses and ROI, coupons, messaging with consent, member days. */
@org.springframework.modulith.ApplicationModule(displayName = "Marketing")
package dev.guanxi.crm.marketing;
