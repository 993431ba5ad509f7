package dev.parley.client.ui.admin;

import dev.parley.protocol.control.model.AuditEntry;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;

/** Who did what to whom, newest first, a page at a time. Admins only. UI thread only. */
final class AuditTab extends Tab {
    AuditTab(RoomAdminModel model) {
        super("Audit log");
        setId("admin-tab-audit");
        setClosable(false);
        TableView<AuditEntry> table = Tables.table("admin-audit", "Nothing has happened yet.");
        table.getColumns().add(Tables.column("When", 150, entry -> Tables.when(entry.ts())));
        table.getColumns().add(Tables.column("Who", 100, AuditEntry::actorName));
        table.getColumns().add(Tables.column("Action", 120, AuditEntry::action));
        table.getColumns().add(Tables.column("Whom", 100, entry -> Tables.orEmpty(entry.targetName())));
        table.getColumns().add(Tables.column("Details", 260, AuditTab::details));
        table.setItems(model.audit());
        Button older = new Button("Load _older");
        older.setId("admin-audit-older");
        older.disableProperty().bind(model.auditHasMoreProperty().not());
        older.setOnAction(event -> model.loadOlderAudit());
        Button refresh = new Button("_Refresh");
        refresh.setId("admin-audit-refresh");
        refresh.setOnAction(event -> model.loadAudit());
        BorderPane content = new BorderPane(table);
        FlowPane actions = new FlowPane(8, 8, older, refresh);
        actions.setPadding(new Insets(8, 0, 0, 0));
        content.setBottom(actions);
        content.setPadding(new Insets(10));
        setContent(content);
        setOnSelectionChanged(event -> {
            if (isSelected()) {
                model.loadAudit();
            }
        });
    }

    static String details(AuditEntry entry) {
        String reason = entry.reason() == null ? "" : "\"" + entry.reason() + "\"";
        String detail = Tables.orEmpty(entry.detail());
        return reason.isEmpty() ? detail : detail.isEmpty() ? reason : reason + " · " + detail;
    }
}
