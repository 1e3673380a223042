/** What every module shares: paging, problems (errors), masking of personal data, database set-up. */
@org.springframework.modulith.ApplicationModule(displayName = "Common", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.guanxi.crm.common;
