package dev.parley.client.ui.admin;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.room.ChannelNode;
import dev.parley.client.ui.room.UserNode;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.Role;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.Region;

/**
 * Where running the room starts from, shown only where my role allows: the header's "Room admin"
 * button, the extra entries of a user's and a channel's menu, and deleting others' messages. Owns
 * the admin view-model and window. UI thread only.
 */
public final class AdminEntry implements AutoCloseable {
    private final RoomAdminModel model;
    private final InvitesModel invites;
    private final ObjectProperty<Role> selfRole;
    private final LongProperty selfId;
    private final Button button = new Button("Room admin");
    private RoomAdminWindow window;
    private ObjectProperty<List<ChannelNode>> roots;

    /**
     * @param selfRole my role as the room says now (changes while signed in)
     * @param notice   where a refused or done action from a menu is told while the admin window is closed
     * @param goodNews set with each such notice: true when it says what was done, false for a refusal
     */
    public AdminEntry(ControlClient client, UiThread ui, ObjectProperty<Role> selfRole, LongProperty selfId,
                      StringProperty notice, javafx.beans.property.BooleanProperty goodNews) {
        this.model = new RoomAdminModel(client, ui);
        this.invites = new InvitesModel(client, ui, model.noticeProperty());
        this.selfRole = selfRole;
        this.selfId = selfId;
        button.setId("open-room-admin");
        button.setMinWidth(Region.USE_PREF_SIZE);
        button.setOnAction(event -> open());
        update(selfRole.get());
        selfRole.addListener((obs, old, now) -> update(now));
        model.noticeProperty().addListener((obs, old, now) -> {
            if (window == null || !window.showing()) {
                notice.set(now);
                goodNews.set(!now.isEmpty() && !model.noticeFailed());
            }
        });
    }

    public RoomAdminModel model() {
        return model;
    }

    /** The header button; hidden (and out of the layout and focus order) for members and guests. */
    public Button button() {
        return button;
    }

    private void update(Role role) {
        boolean allowed = AdminRights.canOpenAdmin(role);
        button.setVisible(allowed);
        button.setManaged(allowed);
        if (!allowed && window != null) {
            window.close();
        }
    }

    public void open() {
        if (!AdminRights.canOpenAdmin(selfRole.get()) || button.getScene() == null) {
            return;
        }
        if (window == null) {
            window = new RoomAdminWindow(button.getScene().getWindow(), model, selfRole, selfId, invites);
        }
        window.show();
    }

    /** Opens the window on one tab ({@code admin-tab-bans}, …). */
    public void open(String tabId) {
        open();
        if (window != null) {
            window.select(tabId);
        }
    }

    /** Promote, demote and ban entries for a user's menu; empty where my role may not. */
    public List<MenuItem> userItems(UserNode user, Node owner) {
        List<MenuItem> items = new ArrayList<>();
        Role me = selfRole.get();
        Role target = user.state().user().role();
        String name = user.name();
        if (AdminRights.canChangeRole(me, user.id(), user.self())) {
            if (target == Role.MEMBER) {
                MenuItem promote = new MenuItem("Promote to moderator");
                promote.setId("menu-promote");
                promote.setOnAction(event -> model.setRole(user.id(), name, Role.MODERATOR));
                items.add(promote);
            } else if (target == Role.MODERATOR) {
                MenuItem demote = new MenuItem("Demote to member");
                demote.setId("menu-demote");
                demote.setOnAction(event -> model.setRole(user.id(), name, Role.MEMBER));
                items.add(demote);
            }
        }
        if (!user.self() && AdminRights.canBan(me, target)) {
            MenuItem ban = new MenuItem("Ban…");
            ban.setId("menu-ban");
            ban.setOnAction(event -> BanDialog.ask(owner, name, user.id() < 0, true)
                    .ifPresent(choice -> model.ban(user.id(), name, choice)));
            items.add(ban);
        }
        return items;
    }

    /** "Permissions…" for a channel's menu; empty where my role may not. */
    public List<MenuItem> channelItems(ChannelNode channel, Node owner) {
        if (!AdminRights.canEditPermissions(selfRole.get())) {
            return List.of();
        }
        MenuItem permissions = new MenuItem("Permissions…");
        permissions.setId("menu-permissions");
        // The editor opens with what is in force; if the room cannot say (an older room), it asks for changes only.
        permissions.setOnAction(event -> model.loadPermissions(channel.id())
                .handle((current, failure) -> failure == null ? current : null)
                .thenAccept(current -> ChannelPermissionsDialog.ask(owner, channel.channel().name(), selfRole.get(),
                                channel.id(), current, this::channelName)
                        .ifPresent(changes -> model.setPermissions(channel.id(), channel.channel().name(), changes))));
        return List.of(permissions);
    }

    /** Where channel names come from, for "allowed by #Games" in the permissions editor. */
    public void useChannelTree(ObjectProperty<List<ChannelNode>> roots) {
        this.roots = roots;
    }

    private String channelName(long channelId) {
        java.util.ArrayDeque<ChannelNode> todo = new java.util.ArrayDeque<>(roots == null ? List.of() : roots.get());
        while (!todo.isEmpty()) {
            ChannelNode node = todo.pop();
            if (node.id() == channelId) {
                return node.channel().name();
            }
            todo.addAll(node.children());
        }
        return "channel " + channelId;
    }

    /** Whether to offer Delete on someone else's message: channel messages, for moderators and admins. */
    public boolean canDeleteOthers(ChatMessage message) {
        return message.channelId() != null && AdminRights.canDeleteOthersMessages(selfRole.get());
    }

    @Override
    public void close() {
        if (window != null) {
            window.close();
        }
        model.close();
    }
}
