package dev.guanxi.crm.dataio.internal;

import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One runner per import job across all application instances: a PostgreSQL session advisory lock on the job id,
 * held on its own connection for as long as the job runs. When the instance running a job dies, its connection
 * closes and the lock goes with it, so another instance can take the job over and continue after its last
 * committed line.
 */
@Component
class ImportLocks {

    /** The first key of the two-key advisory lock: imports (other users of advisory locks pick other numbers). */
    static final int IMPORTS = 0x1_4D50;

    /** A held lock; closing it releases the lock and returns the connection. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private final DataSource dataSource;

    ImportLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The job's lock, or empty when another runner (in this or another instance) holds it. */
    Optional<Held> tryLock(long jobId) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            if (!advisory(connection, "SELECT pg_try_advisory_lock(?, ?)", jobId)) {
                connection.close();
                return Optional.empty();
            }
            Connection held = connection;
            return Optional.of(() -> {
                try (held) {
                    advisory(held, "SELECT pg_advisory_unlock(?, ?)", jobId);
                } catch (SQLException e) {
                    // closing the connection below releases the session lock anyway
                }
            });
        } catch (SQLException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // the original failure is what matters
                }
            }
            throw new IllegalStateException("Could not lock import " + jobId, e);
        }
    }

    private static boolean advisory(Connection connection, String sql, long jobId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setInt(1, IMPORTS);
            s.setInt(2, Math.toIntExact(jobId));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
