package dev.parley.server.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A unit of database work. It runs inside one transaction that {@link Database} commits after it
 * returns (or rolls back if it throws); it must not commit, roll back or close the connection itself.
 */
@FunctionalInterface
public interface SqlWork<T> {

    T run(Connection connection) throws SQLException;
}
