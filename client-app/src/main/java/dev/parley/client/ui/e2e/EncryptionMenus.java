package dev.parley.client.ui.e2e;

import dev.parley.client.core.net.Conversation;
import dev.parley.client.ui.room.ChannelNode;
import dev.parley.protocol.control.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.stage.Window;

/**
 * The encryption entries of a channel's menu (enter the passphrase, encryption info, encrypt or change the
 * key) and the lock in the chat header. UI thread only.
 */
public final class EncryptionMenus {
    private final EncryptionViewModel model;
    private final Supplier<Role> selfRole;

    public EncryptionMenus(EncryptionViewModel model, Supplier<Role> selfRole) {
        this.model = model;
        this.selfRole = selfRole;
    }

    public List<MenuItem> channelItems(ChannelNode channel, Node owner) {
        List<MenuItem> items = new ArrayList<>();
        boolean encrypted = channel.channel().endToEnd();
        boolean shared = encrypted && channel.channel().e2e().shared();
        if (encrypted) {
            if (!shared) { // a shared-key channel's key comes by itself; no passphrase opens it
                MenuItem passphrase = new MenuItem("Enter passphrase…");
                passphrase.setId("e2e-enter-passphrase");
                passphrase.setOnAction(event -> model.askForPassphrase(channel.id()));
                items.add(passphrase);
            }
            MenuItem info = new MenuItem("Encryption info");
            info.setId("e2e-info");
            info.setOnAction(event -> info(window(owner), channel));
            items.add(info);
        }
        // Guests can manage nothing and hold no identity key; anyone else may have the channel's manage right
        // (the room decides and says).
        if (selfRole.get() != Role.GUEST) {
            MenuItem keys = new MenuItem(shared ? "Members & keys…" : "Encrypt with shared key…");
            keys.setId(shared ? "e2e-members-menu" : "e2e-shared");
            keys.setOnAction(event -> SharedKeyDialog.show(window(owner), model,
                    model.encryptedChannel(channel.id()).orElse(channel.channel())));
            items.add(keys);
        }
        // A passphrase rekey would turn a shared-key channel back to a passphrase: its key changes in the dialog.
        if (selfRole.get() != Role.GUEST && !shared) {
            MenuItem rekey = new MenuItem(encrypted ? "Change encryption key…" : "Encrypt end to end…");
            rekey.setId("e2e-rekey");
            rekey.setOnAction(event -> {
                if (dev.parley.client.ui.fx.Confirm.ask(window(owner), encrypted
                                ? "Change the key of #" + channel.channel().name() + "?"
                                : "Encrypt #" + channel.channel().name() + " end to end?",
                        consequence(encrypted), encrypted ? "Change key" : "Encrypt")) {
                    model.rekey(channel.id());
                }
            });
            items.add(rekey);
        }
        return items;
    }

    static String consequence(boolean alreadyEncrypted) {
        return (alreadyEncrypted
                ? "Everyone in the channel must then enter a new passphrase: the old one no longer reads or sends"
                + " what comes next. Do this after removing someone, and share the new passphrase only with those"
                + " who stay, outside Parley (in person, by phone)."
                : "Everyone in the channel must then enter a passphrase you agree on outside Parley (in person, by"
                + " phone). From then on the room cannot read the channel's chat or hear its voice, and files cannot"
                + " be sent there.")
                + " Messages written before stay as they were (plain history stays readable).";
    }

    /** A 🔒 after the chat's title while it shows an encrypted channel; its tooltip holds my verification code. */
    public Label headerLock(ObjectProperty<Conversation> open) {
        Label lock = new Label("🔒");
        lock.setId("chat-e2e-lock");
        lock.getStyleClass().add("e2e-header-lock");
        Tooltip tip = new Tooltip();
        tip.setShowDelay(javafx.util.Duration.millis(300));
        lock.setTooltip(tip);
        Runnable update = () -> {
            long channelId = open.get() instanceof Conversation.Channel channel ? channel.channelId() : 0;
            boolean shown = channelId != 0 && model.isEncrypted(channelId);
            lock.setVisible(shown);
            lock.setManaged(shown);
            tip.setText(shown ? model.describe(channelId) : "");
            lock.setText(shown ? model.headerText(channelId) : "🔒");
        };
        open.addListener((obs, old, now) -> update.run());
        model.revisionProperty().addListener((obs, old, now) -> update.run());
        lock.setOnMouseClicked(event -> {
            if (open.get() instanceof Conversation.Channel channel && model.currentKey(channel.channelId()).isEmpty()) {
                model.askForPassphrase(channel.channelId()); // in a shared-key channel: fetches the keys again
            }
        });
        update.run();
        return lock;
    }

    private void info(Window owner, ChannelNode channel) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, model.describe(channel.id()));
        alert.setTitle("Encryption of #" + channel.channel().name());
        alert.setHeaderText("#" + channel.channel().name() + " is end-to-end encrypted");
        alert.getDialogPane().setId("e2e-info-dialog");
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.show();
    }

    private static Window window(Node owner) {
        return owner == null || owner.getScene() == null ? null : owner.getScene().getWindow();
    }
}
