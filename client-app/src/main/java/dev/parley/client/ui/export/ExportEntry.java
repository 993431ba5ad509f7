package dev.parley.client.ui.export;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.room.ChannelNode;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;

/**
 * Where "Export conversation…" comes from: the item for a channel's menu and a direct conversation's
 * menu, each opening an {@link ExportWindow}. UI thread only.
 */
public final class ExportEntry {
    private final ControlClient client;
    private final UiThread ui;
    private final Supplier<String> roomName;
    private final Supplier<String> selfName;
    private ExportDialogs dialogs = ExportDialogs.system();
    /** What a channel's messages become in its export: opened with the keys this app holds for it. */
    private java.util.function.LongFunction<java.util.function.UnaryOperator<dev.parley.protocol.control.model.ChatMessage>>
            readers = channelId -> java.util.function.UnaryOperator.identity();

    /** @param roomName and {@code selfName} are asked on the export's own thread (they may block briefly) */
    public ExportEntry(ControlClient client, UiThread ui, Supplier<String> roomName, Supplier<String> selfName) {
        this.client = client;
        this.ui = ui;
        this.roomName = roomName;
        this.selfName = selfName;
    }

    /** Opens sealed messages of end-to-end encrypted channels in their exports (on this machine only). */
    public void useReaders(java.util.function.LongFunction<
            java.util.function.UnaryOperator<dev.parley.protocol.control.model.ChatMessage>> channelReaders) {
        this.readers = channelReaders;
    }

    /** Replaces the save dialog (tests answer it without the native one). */
    public void useDialogs(ExportDialogs replacement) {
        this.dialogs = replacement;
    }

    /** The channel menu's entry. */
    public List<MenuItem> channelItems(ChannelNode channel, Node owner) {
        MenuItem item = new MenuItem("Export conversation…");
        item.setId("export-channel-" + channel.id());
        item.setOnAction(event -> open(window(owner), Conversation.channel(channel.id()), "#" + channel.channel().name()));
        return List.of(item);
    }

    /** A direct conversation's menu entry. */
    public MenuItem directItem(long peerId, String name, Node owner) {
        MenuItem item = new MenuItem("Export conversation…");
        item.setId("export-dm-" + peerId);
        item.setOnAction(event -> open(window(owner), Conversation.direct(peerId), "Direct messages with " + name));
        return item;
    }

    /** Opens the export window for one conversation. */
    public void open(Window owner, Conversation conversation, String title) {
        var reader = conversation instanceof Conversation.Channel channel ? readers.apply(channel.channelId())
                : java.util.function.UnaryOperator.<dev.parley.protocol.control.model.ChatMessage>identity();
        new ExportWindow(owner, client, ui, dialogs, conversation, title, roomName, selfName, reader).show();
    }

    private static Window window(Node owner) {
        return owner == null || owner.getScene() == null ? null : owner.getScene().getWindow();
    }
}
