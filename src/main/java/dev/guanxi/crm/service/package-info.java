/** Customer service: tickets and complaints with SLA escalation, knowledge base, satisfaction surveys, returns and refunds. */
@org.springframework.modulith.ApplicationModule(displayName = "Service")
package dev.guanxi.crm.service;
