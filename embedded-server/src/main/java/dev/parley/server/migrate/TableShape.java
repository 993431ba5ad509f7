package dev.parley.server.migrate;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One table of the room's schema as the migrated PostgreSQL database describes it: its columns with
 * their JDBC types, and the tables its foreign keys point to. Read from the target's catalogue so the
 * copy follows whatever the Flyway scripts created, not a list kept by hand. Immutable.
 *
 * @param selfParent the column that points to this same table (a channel's parent), or null
 */
record TableShape(String name, List<Column> columns, Set<String> references, String selfParent) {
    static final String FLYWAY_HISTORY = "flyway_schema_history";

    record Column(String name, int jdbcType) {
        boolean isTimestamp() {
            return jdbcType == Types.TIMESTAMP || jdbcType == Types.TIMESTAMP_WITH_TIMEZONE;
        }

        boolean isIntegral() {
            return jdbcType == Types.BIGINT || jdbcType == Types.INTEGER || jdbcType == Types.SMALLINT;
        }

        boolean isBoolean() {
            return jdbcType == Types.BOOLEAN || jdbcType == Types.BIT;
        }
    }

    String columnList() {
        return String.join(", ", columns.stream().map(Column::name).toList());
    }

    /** The room's tables (not Flyway's own) in the connection's current schema, each after the tables it references. */
    static List<TableShape> inForeignKeyOrder(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String schema = c.getSchema();
        Map<String, TableShape> byName = new TreeMap<>();
        try (ResultSet tables = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                String name = tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.equals(FLYWAY_HISTORY)) {
                    byName.put(name, null);
                }
            }
        }
        for (String name : List.copyOf(byName.keySet())) {
            List<Column> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, schema, name, "%")) {
                while (rs.next()) {
                    columns.add(new Column(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("DATA_TYPE")));
                }
            }
            Set<String> references = new TreeSet<>();
            String selfParent = null;
            try (ResultSet rs = meta.getImportedKeys(null, schema, name)) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (parent.equals(name)) {
                        selfParent = rs.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT);
                    } else {
                        references.add(parent);
                    }
                }
            }
            byName.put(name, new TableShape(name, List.copyOf(columns), Set.copyOf(references), selfParent));
        }
        List<TableShape> ordered = new ArrayList<>();
        Map<String, TableShape> left = new LinkedHashMap<>(byName);
        while (!left.isEmpty()) {
            Set<String> done = new TreeSet<>(ordered.stream().map(TableShape::name).toList());
            List<TableShape> ready = left.values().stream().filter(t -> done.containsAll(t.references())).toList();
            if (ready.isEmpty()) {
                throw new SQLException("the foreign keys between " + left.keySet() + " form a cycle; cannot order the copy");
            }
            for (TableShape t : ready) {
                ordered.add(t);
                left.remove(t.name());
            }
        }
        return List.copyOf(ordered);
    }
}
