package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.common.ConflictException;

/** The conflict of an edit based on an old version (optimistic lock). */
final class Stale {

    private Stale() {
    }

    static ConflictException of(String entity, long id) {
        return new ConflictException(entity + " " + id + " was changed by someone else since you loaded it "
                + "(version mismatch). Reload it and apply your change again.");
    }
}
