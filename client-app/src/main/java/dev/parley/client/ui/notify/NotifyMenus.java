package dev.parley.client.ui.notify;

import dev.parley.client.core.net.Conversation;
import dev.parley.protocol.control.model.NotifyLevel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalLong;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * What a conversation's menu and row show of its notification settings: "Notifications ▸ All messages /
 * Only @mentions / Nothing" and "Mute ▸ 15 min … Until I unmute", each with a check on the current
 * choice, and on the row a muted mark and a dimmed unread count. Built fresh for each row; UI thread only.
 */
public final class NotifyMenus {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE HH:mm");

    private final NotifyViewModel model;

    public NotifyMenus(NotifyViewModel model) {
        this.model = model;
    }

    /** The two sub-menus for {@code conversation}. */
    public List<MenuItem> items(Conversation conversation) {
        return List.of(levelMenu(conversation), muteMenu(conversation));
    }

    private Menu levelMenu(Conversation conversation) {
        Menu menu = new Menu("Notifications");
        menu.setId("notify-menu");
        NotifyLevel level = model.level(conversation);
        javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
        for (NotifyLevel choice : NotifyLevel.values()) {
            RadioMenuItem item = new RadioMenuItem(switch (choice) {
                case ALL -> "All messages";
                case MENTIONS -> "Only @mentions";
                case NOTHING -> "Nothing";
            });
            item.setId("notify-" + choice.wire());
            item.setToggleGroup(group);
            item.setSelected(choice == level);
            item.setOnAction(event -> model.setLevel(conversation, choice));
            menu.getItems().add(item);
        }
        return menu;
    }

    private Menu muteMenu(Conversation conversation) {
        OptionalLong until = model.mutedUntil(conversation);
        Menu menu = new Menu(until.isPresent() ? "Muted" : "Mute");
        menu.setId("mute-menu");
        javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
        addMute(menu, group, "15 min", "mute-15m", Duration.ofMinutes(15), conversation);
        addMute(menu, group, "1 h", "mute-1h", Duration.ofHours(1), conversation);
        addMute(menu, group, "8 h", "mute-8h", Duration.ofHours(8), conversation);
        addMute(menu, group, "24 h", "mute-24h", Duration.ofHours(24), conversation);
        RadioMenuItem forever = addMute(menu, group, "Until I unmute", "mute-forever", null, conversation);
        if (until.isPresent()) {
            if (until.getAsLong() >= dev.parley.protocol.control.message.Notify.FOREVER) {
                forever.setSelected(true);
            } else {
                // Which duration was chosen is not kept, only when it ends: say that, checked.
                RadioMenuItem current = new RadioMenuItem("Until " + when(until.getAsLong()));
                current.setId("mute-current");
                current.setToggleGroup(group);
                current.setSelected(true);
                current.setDisable(true);
                menu.getItems().add(0, current);
            }
            MenuItem unmute = new MenuItem("Unmute");
            unmute.setId("unmute");
            unmute.setOnAction(event -> model.unmute(conversation));
            menu.getItems().add(unmute);
        }
        return menu;
    }

    private RadioMenuItem addMute(Menu menu, javafx.scene.control.ToggleGroup group, String text, String id,
                                  Duration duration, Conversation conversation) {
        RadioMenuItem item = new RadioMenuItem(text);
        item.setId(id);
        item.setToggleGroup(group);
        item.setOnAction(event -> model.mute(conversation, duration));
        menu.getItems().add(item);
        return item;
    }

    /**
     * Marks {@code row} (a channel's or a DM's): a "muted" tag while muted, and when muted or set to
     * nothing the row dimmed and its unread badge grey, the way Discord shows a muted channel.
     */
    public void decorate(Conversation conversation, HBox row, String idSuffix) {
        OptionalLong until = model.mutedUntil(conversation);
        boolean muted = model.muted(conversation);
        if (muted) {
            Label mark = new Label("muted");
            mark.setId("muted-" + idSuffix);
            mark.getStyleClass().addAll("state-icon", "notify-muted");
            mark.setTooltip(new Tooltip(until.isPresent() && until.getAsLong() < dev.parley.protocol.control.message.Notify.FOREVER
                    ? "Notifications muted until " + when(until.getAsLong()) : "Notifications muted"));
            int badgeAt = (int) row.getChildren().stream().takeWhile(node -> !node.getStyleClass().contains("unread-badge")
                    && !(node instanceof javafx.scene.layout.Region region && HBox.getHgrow(region) != null)).count();
            row.getChildren().add(badgeAt, mark);
        }
        if (model.quiet(conversation)) {
            row.getStyleClass().add("conversation-quiet");
            row.getChildren().stream().filter(node -> node.getStyleClass().contains("unread-badge"))
                    .forEach(badge -> badge.getStyleClass().add("unread-badge-quiet"));
        }
    }

    private String when(long epochMillis) {
        Instant end = Instant.ofEpochMilli(epochMillis);
        boolean today = Duration.between(Instant.ofEpochMilli(model.now()), end).toHours() < 12;
        return (today ? TIME : DAY_TIME).format(end.atZone(ZoneId.systemDefault()));
    }
}
