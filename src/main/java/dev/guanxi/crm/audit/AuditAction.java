package dev.guanxi.crm.audit;

public enum AuditAction {
    CREATE, UPDATE, DELETE, RESTORE, EXPORT, VIEW_PERSONAL_DATA, MERGE, UNMERGE
}
