package dev.parley.client.ui.admin;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Small helpers for the admin window's read-only tables. UI thread only. */
final class Tables {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Tables() {
    }

    static <T> TableColumn<T, String> column(String title, double width, Function<T, String> text) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        return column;
    }

    static <T> TableView<T> table(String id, String empty) {
        TableView<T> table = new TableView<>();
        table.setId(id);
        table.setPlaceholder(new javafx.scene.control.Label(empty));
        return table;
    }

    static String when(long epochMillis) {
        return WHEN.format(Instant.ofEpochMilli(epochMillis).atZone(ZoneId.systemDefault()));
    }

    static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
