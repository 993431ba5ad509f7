package dev.parley.server.migrate;

/**
 * What happened to one table in a migration: rows read from H2, rows now in PostgreSQL, and the
 * order-independent checksum of its contents on each side.
 */
public record TableCopy(String table, long sourceRows, long targetRows, String sourceChecksum, String targetChecksum) {

    /** Same number of rows and the same contents. */
    public boolean matches() {
        return sourceRows == targetRows && sourceChecksum.equals(targetChecksum);
    }
}
