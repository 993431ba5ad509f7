package dev.parley.server.migrate;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * A checksum of a table's contents that H2 and PostgreSQL agree on: each row is hashed (SHA-256) from
 * its values in a form both databases give back alike (timestamps as UTC instants, integers as
 * decimal, booleans as true/false), and the row hashes are added modulo 2^256. The sum does not
 * depend on row order, so the two databases' different string collations do not matter. Stateless.
 */
final class TableChecksum {
    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);

    private TableChecksum() {
    }

    /** Rows and checksum of {@code table} as {@code c} sees it. */
    static Result of(Connection c, TableShape table) throws SQLException {
        BigInteger sum = BigInteger.ZERO;
        long rows = 0;
        MessageDigest digest = sha256();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + table.columnList() + " FROM " + table.name())) {
            ps.setFetchSize(1_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 0; i < table.columns().size(); i++) {
                        String value = canonical(rs, i + 1, table.columns().get(i));
                        // length-prefixed, so ("ab","c") and ("a","bc") differ
                        digest.update((value == null ? "-" : value.length() + ":" + value).getBytes(StandardCharsets.UTF_8));
                        digest.update((byte) 0);
                    }
                    sum = sum.add(new BigInteger(1, digest.digest())).mod(MODULUS);
                    rows++;
                }
            }
        }
        return new Result(rows, String.format("%064x", sum));
    }

    record Result(long rows, String checksum) {
    }

    private static String canonical(ResultSet rs, int index, TableShape.Column column) throws SQLException {
        if (column.isTimestamp()) {
            OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
            return value == null ? null : value.toInstant().toString();
        }
        if (column.isIntegral()) {
            long value = rs.getLong(index);
            return rs.wasNull() ? null : Long.toString(value);
        }
        if (column.isBoolean()) {
            boolean value = rs.getBoolean(index);
            return rs.wasNull() ? null : Boolean.toString(value);
        }
        return rs.getString(index);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
