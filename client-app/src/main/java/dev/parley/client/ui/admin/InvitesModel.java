package dev.parley.client.ui.admin;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.JoinLink;
import dev.parley.client.ui.fx.Failures;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.protocol.control.message.Invites;
import dev.parley.protocol.control.model.InviteInfo;
import dev.parley.protocol.control.model.Role;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Invites tab's state: the room's invite codes, and creating and revoking them through the
 * room. Requests go out from any thread; results land on the UI thread. The observable values are
 * UI thread only.
 */
final class InvitesModel {
    private final ControlClient client;
    private final UiThread ui;
    private final ObservableList<InviteInfo> invites = FXCollections.observableArrayList();
    private final StringProperty notice;

    /** @param notice where a sentence about the outcome goes (the admin window's notice line) */
    InvitesModel(ControlClient client, UiThread ui, StringProperty notice) {
        this.client = client;
        this.ui = ui;
        this.notice = notice;
    }

    ObservableList<InviteInfo> invites() {
        return invites;
    }

    CompletableFuture<?> load() {
        return client.request(new Invites.ListInvites(), Invites.Page.class).whenComplete((page, failure) -> {
            tellFailure(failure);
            if (page != null) {
                ui.run(() -> invites.setAll(page.invites()));
            }
        });
    }

    /** @param expiresInHours 0: never */
    CompletableFuture<?> create(int maxUses, int expiresInHours, Role role) {
        Invites.Create request;
        try {
            request = new Invites.Create(maxUses, expiresInHours == 0 ? null : expiresInHours * 60, null, role);
        } catch (RuntimeException invalid) {
            tellFailure(invalid);
            return CompletableFuture.failedFuture(invalid);
        }
        return client.request(request, Invites.Created.class).whenComplete((created, failure) -> {
            tellFailure(failure);
            if (created != null) {
                ui.run(() -> {
                    invites.add(0, created.invite());
                    notice.set("Invite made: copy its link and send it to whoever you invite.");
                });
            }
        });
    }

    CompletableFuture<?> revoke(InviteInfo invite) {
        return client.requestOk(new Invites.Revoke(invite.id())).whenComplete((ok, failure) -> {
            tellFailure(failure);
            if (failure == null) {
                ui.run(() -> {
                    invites.removeIf(listed -> listed.id() == invite.id());
                    notice.set("Invite " + invite.id() + " revoked: its link lets nobody in any more.");
                });
            }
        });
    }

    /** The link that trusts this room's certificate and registers with the code, in one click. */
    String link(InviteInfo invite) {
        URI server = client.server();
        return JoinLink.invite(server.getHost(), server.getPort() == -1 ? JoinLink.DEFAULT_PORT : server.getPort(),
                client.serverFingerprint().orElse(null), invite.code()).toUri();
    }

    private void tellFailure(Throwable failure) {
        if (failure != null) {
            String sentence = Failures.sentence(failure);
            ui.run(() -> notice.set(sentence));
        }
    }
}
