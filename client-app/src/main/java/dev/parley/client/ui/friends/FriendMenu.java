package dev.parley.client.ui.friends;

import dev.parley.client.ui.chat.DirectMessageList;
import dev.parley.client.ui.room.UserNode;
import dev.parley.protocol.control.model.FriendStatus;
import dev.parley.protocol.control.model.Role;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * The friend entries of a person's menu (channel tree, direct-message list), saying how we stand:
 * "Add friend", "Request sent — cancel", "Accept friend request" and "Decline", or "Unfriend". None for
 * myself, and none when either side is a guest: the room keeps friends for accounts only and refuses
 * guests ({@code forbidden}), so the menu does not offer what would be refused. UI thread only.
 */
public final class FriendMenu {
    /** Marks the entries this class put in a shared menu, so they are replaced, not piled up. */
    private static final String MARK = "friend-menu-entry";

    private FriendMenu() {
    }

    /** The entries for {@code userId} ({@code name}, whose role is {@code theirRole}); empty where friends do not apply. */
    public static List<MenuItem> items(FriendsViewModel friends, long userId, String name, Role theirRole, Role myRole,
                                       boolean self) {
        if (self || userId <= 0 || theirRole == Role.GUEST || myRole == Role.GUEST) {
            return List.of();
        }
        return switch (friends.statusOf(userId)) {
            case NONE -> List.of(item("Add friend", "menu-friend-add", () -> friends.request(userId, name)));
            case OUTGOING -> List.of(item("Request sent — cancel", "menu-friend-cancel", () -> friends.cancel(userId, name)));
            case INCOMING -> List.of(item("Accept friend request", "menu-friend-accept", () -> friends.accept(userId, name)),
                    item("Decline friend request", "menu-friend-decline", () -> friends.decline(userId, name)));
            case FRIEND -> List.of(item("Unfriend", "menu-unfriend", () -> friends.unfriend(userId, name)));
        };
    }

    /** For the channel tree's user menus. */
    public static List<MenuItem> items(FriendsViewModel friends, UserNode user, Role myRole) {
        return items(friends, user.id(), user.name(), user.state().user().role(), myRole, user.self());
    }

    /**
     * Adds the entries for a direct-message row to that row's own menu (which hides the list's), each
     * time it opens, after whatever other features put there; they follow the friend status of the moment.
     */
    public static void addTo(ContextMenu menu, DirectMessageList.Entry entry, FriendsViewModel friends,
                             Supplier<Role> myRole) {
        menu.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWING, event -> {
            menu.getItems().removeIf(item -> item.getStyleClass().contains(MARK));
            // DM peers are accounts: the room refuses DMs with guests.
            List<MenuItem> items = items(friends, entry.peerId(), entry.name(), Role.MEMBER, myRole.get(), false);
            if (!items.isEmpty() && !menu.getItems().isEmpty()) {
                SeparatorMenuItem separator = new SeparatorMenuItem();
                separator.getStyleClass().add(MARK);
                menu.getItems().add(separator);
            }
            menu.getItems().addAll(items);
        });
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.getStyleClass().add(MARK);
        item.setOnAction(event -> action.run());
        return item;
    }
}
