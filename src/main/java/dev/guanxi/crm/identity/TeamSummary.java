package dev.guanxi.crm.identity;

public record TeamSummary(long id, String name, Long managerId) {
}
