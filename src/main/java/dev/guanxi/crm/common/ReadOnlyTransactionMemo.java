package dev.guanxi.crm.common;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Values read once per read-only transaction: a page that asks several services for the same row (the 360 page checks
 * that the customer is visible for its profile, contacts, timeline and each panel) reads it once. Only inside a
 * read-only transaction, where the reader changes nothing; outside one, or in a transaction that writes, every call
 * reads anew. The memo lives as long as its transaction (it is set aside while another transaction runs inside it).
 */
public final class ReadOnlyTransactionMemo<K, V> {

    private final String name;

    /** {@code name}: what is kept, unique per memo (its key among the transaction's resources). */
    public ReadOnlyTransactionMemo(String name) {
        this.name = ReadOnlyTransactionMemo.class.getName() + "." + name;
    }

    /** The value for {@code key} read before in this read-only transaction, or {@code read} now. */
    public V get(K key, Supplier<V> read) {
        Map<K, V> values = values();
        if (values == null) {
            return read.get();
        }
        V value = values.get(key);
        if (value == null) {
            value = read.get();
            values.put(key, value);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private Map<K, V> values() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            return null;
        }
        Map<K, V> values = (Map<K, V>) TransactionSynchronizationManager.getResource(name);
        if (values == null) {
            Map<K, V> created = new HashMap<>();
            TransactionSynchronizationManager.bindResource(name, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(name);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(name, created);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(name);
                }
            });
            values = created;
        }
        return values;
    }
}
