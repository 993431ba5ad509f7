package dev.parley.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Small portable JDBC helpers shared by the repositories (H2 today, PostgreSQL later). Stateless. */
public final class SqlSupport {

    /** SQLSTATE for a unique/primary-key violation; both H2 and PostgreSQL report it. */
    private static final String UNIQUE_VIOLATION = "23505";

    private SqlSupport() {
    }

    public static boolean isUniqueViolation(SQLException e) {
        for (SQLException cur = e; cur != null; cur = cur.getNextException()) {
            if (UNIQUE_VIOLATION.equals(cur.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Microsecond precision, because that is what PostgreSQL keeps; values read back compare equal. */
    public static Instant now(java.time.Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }

    public static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static void setNullableLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    public static Long getNullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** Executes an INSERT prepared with {@link #prepareInsert} and returns the generated {@code id}. */
    public static long executeInsertReturningId(PreparedStatement ps) throws SQLException {
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("insert returned no generated id");
            }
            return keys.getLong(1);
        }
    }

    /** Generated keys by column name: portable JDBC, no {@code RETURNING} in our SQL. */
    public static PreparedStatement prepareInsert(Connection c, String sql) throws SQLException {
        return c.prepareStatement(sql, new String[] {"id"});
    }

    /**
     * Runs an insert that may hit a unique constraint without poisoning the surrounding transaction
     * (PostgreSQL aborts the whole transaction on an error unless we roll back to a savepoint).
     *
     * @return true if inserted, false if the unique constraint already held such a row
     */
    public static boolean insertIgnoringDuplicate(Connection c, PreparedStatement insert) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            insert.executeUpdate();
            c.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            c.rollback(savepoint);
            return false;
        }
    }
}
