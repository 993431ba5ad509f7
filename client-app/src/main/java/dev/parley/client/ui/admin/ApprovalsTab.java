package dev.parley.client.ui.admin;

import dev.parley.protocol.control.message.Accounts;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;

/** Accounts waiting for an admin (registration "approval"): let them in or turn them down. UI thread only. */
final class ApprovalsTab extends Tab {
    ApprovalsTab(RoomAdminModel model) {
        super("Approvals");
        setId("admin-tab-approvals");
        setClosable(false);
        TableView<Accounts.PendingAccount> table = Tables.table("admin-pending",
                "Nobody is waiting. New accounts wait here when the room's settings ask an admin to approve them.");
        table.getColumns().add(Tables.column("Name", 200, Accounts.PendingAccount::username));
        table.getColumns().add(Tables.column("Asked at", 160, account -> Tables.when(account.requestedAt())));
        table.setItems(model.pending());
        Button approve = new Button("_Approve");
        approve.setId("admin-approve");
        approve.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        approve.setOnAction(event -> model.approve(table.getSelectionModel().getSelectedItem()));
        Button reject = new Button("Re_ject…");
        reject.setId("admin-reject");
        reject.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        reject.setOnAction(event -> {
            Accounts.PendingAccount account = table.getSelectionModel().getSelectedItem();
            if (Prompts.confirm(table, "Turn down " + account.username(),
                    "Delete the account " + account.username() + "? Its name is free again.")) {
                model.reject(account);
            }
        });
        Button refresh = new Button("_Refresh");
        refresh.setId("admin-refresh-pending");
        refresh.setOnAction(event -> model.loadPending());
        BorderPane content = new BorderPane(table);
        FlowPane actions = new FlowPane(8, 8, approve, reject, refresh);
        actions.setPadding(new Insets(8, 0, 0, 0));
        content.setBottom(actions);
        content.setPadding(new Insets(10));
        setContent(content);
        setOnSelectionChanged(event -> {
            if (isSelected()) {
                model.loadPending();
            }
        });
    }
}
