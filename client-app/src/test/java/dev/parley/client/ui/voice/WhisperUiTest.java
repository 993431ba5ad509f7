package dev.parley.client.ui.voice;

import static dev.parley.client.ui.support.Forms.WAIT;
import static dev.parley.client.ui.support.Forms.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.device.NullAudioInput;
import dev.parley.client.core.audio.device.NullAudioOutput;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.client.core.voice.VoiceSettings;
import dev.parley.client.ui.room.UserNode;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Friends;
import dev.parley.protocol.control.message.Voice;
import dev.parley.protocol.control.model.ChannelInfo;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The whisper key in the real window against a real room: it talks to the people or the channel selected
 * in the tree, says so in the voice bar, and the people whispered to see it on the speaker's row, even
 * from another channel. The other people are real clients with real voice engines.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WhisperUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();
    private TestRoom room;

    /** A person in the room: their control client, their voice, and the talking events voice told them. */
    private record Person(ControlClient client, long id, VoiceEngine voice, List<Voice.Talking> heard) {
        boolean heardWhisper(long from, boolean talking) {
            return heard.stream().anyMatch(event -> event.userId() == from && event.whispered() && event.talking() == talking);
        }
    }

    private Person person(String name, Long channelId) throws Exception {
        ControlClient client = app.closeAfterWindow(Clients.client(room.port()));
        long id = Clients.signIn(client, new Credentials.Register(name, Clients.PASSWORD, null)).self().id();
        if (channelId != null) {
            Clients.await(client.requestOk(new Channels.Join(channelId, null)));
        }
        List<Voice.Talking> heard = new CopyOnWriteArrayList<>();
        client.on(Voice.Talking.class, heard::add);
        // Push to talk, never pressed: they only listen unless a test makes them whisper.
        VoiceEngine voice = app.closeAfterWindow(new VoiceEngine(client, new NullAudioInput(), new NullAudioOutput(),
                VoiceSettings.defaults().withTransmitMode(TransmitMode.PUSH_TO_TALK)));
        Clients.await(voice.start());
        return new Person(client, id, voice, heard);
    }

    /** The room's first account (so its admin), who makes the channels; registered before ann. */
    private ControlClient owner;

    private ChannelInfo createChannel(String name, Long parent) throws Exception {
        if (owner == null) {
            throw new IllegalStateException("the owner registers first");
        }
        return Clients.await(owner.request(new Channels.Create(parent, name, null, null, null), Channels.Created.class))
                .channel();
    }

    private void ownerRegisters() throws Exception {
        owner = app.closeAfterWindow(Clients.registered(room.port(), "owner"));
    }

    /** Ann in the window, with voice up (the room tells only people with voice that someone whispers to them). */
    private long annJoins(FxRobot robot) {
        Forms.register(robot, room.port(), "ann");
        await().atMost(WAIT).until(() -> app.shell().main().session().voice().linkQuality().isPresent());
        return onFx(() -> app.shell().main().tree().selfIdProperty().get());
    }

    private int transmitTarget() {
        return app.shell().main().session().voice().transmitTarget();
    }

    private String whisperStatus() {
        return onFx(() -> app.shell().main().voiceBar().whisper().statusProperty().get());
    }

    private String shownText(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).tryQuery().filter(Node::isVisible).map(node -> ((Label) node).getText()).orElse(""));
    }

    private void select(FxRobot robot, String... rows) {
        await().atMost(WAIT).until(() -> onFx(() -> List.of(rows).stream().allMatch(row -> itemOf(tree(robot), row) != null)));
        robot.interact(() -> {
            TreeView<Object> tree = tree(robot);
            tree.requestFocus();
            tree.getSelectionModel().clearSelection();
            for (String row : rows) {
                tree.getSelectionModel().select(itemOf(tree, row));
            }
        });
    }

    private static TreeView<Object> tree(FxRobot robot) {
        return robot.lookup("#channel-tree").query();
    }

    @Test
    void holdingTheWhisperKeyWithBobSelectedWhispersToBob(FxRobot robot) throws Exception {
        room = app.startRoom();
        ownerRegisters();
        long ann = annJoins(robot);
        Person bob = person("bob", createChannel("Games", null).id());
        Person carol = person("carol", null);
        select(robot, "bob");

        robot.press(KeyCode.F8);

        await().atMost(WAIT).until(() -> transmitTarget() == WhisperViewModel.TARGET);
        await().atMost(WAIT).until(() -> "Whispering to bob".equals(whisperStatus()));
        assertThat(shownText(robot, "#whisper-status")).isEqualTo("Whispering to bob");
        await().atMost(WAIT).until(() -> bob.heardWhisper(ann, true));
        assertThat(carol.heard()).as("carol, in ann's channel, is not whispered to").noneMatch(Voice.Talking::whispered);

        robot.release(KeyCode.F8);

        await().atMost(WAIT).until(() -> transmitTarget() == 0);
        await().atMost(WAIT).until(() -> bob.heardWhisper(ann, false));
        assertThat(whisperStatus()).isEmpty();
    }

    @Test
    void withAChannelSelectedTheKeyShoutsToTheChannelAndItsSubChannels(FxRobot robot) throws Exception {
        room = app.startRoom();
        ownerRegisters();
        long ann = annJoins(robot);
        ChannelInfo games = createChannel("Games", null);
        Person bob = person("bob", createChannel("Tables", games.id()).id());
        select(robot, "#Games");

        robot.press(KeyCode.F8);

        await().atMost(WAIT).until(() -> "Shouting to #Games".equals(whisperStatus()));
        await().atMost(WAIT).until(() -> bob.heardWhisper(ann, true));
        assertThat(transmitTarget()).isEqualTo(WhisperViewModel.TARGET);
        robot.release(KeyCode.F8);
        await().atMost(WAIT).until(() -> transmitTarget() == 0 && bob.heardWhisper(ann, false));
    }

    @Test
    void ctrlClickingTwoPeopleWhispersToBoth(FxRobot robot) throws Exception {
        room = app.startRoom();
        long ann = annJoins(robot);
        Person bob = person("bob", null);
        Person carol = person("carol", null);
        await().atMost(WAIT).until(() -> robot.lookup("#user-carol").tryQuery().isPresent()
                && robot.lookup("#user-bob").tryQuery().isPresent());
        robot.clickOn("#user-bob");
        robot.press(KeyCode.CONTROL).clickOn("#user-carol").release(KeyCode.CONTROL);

        robot.press(KeyCode.F8);

        await().atMost(WAIT).until(() -> "Whispering to 2 people".equals(whisperStatus()));
        await().atMost(WAIT).until(() -> bob.heardWhisper(ann, true) && carol.heardWhisper(ann, true));
        robot.release(KeyCode.F8);
        await().atMost(WAIT).until(() -> transmitTarget() == 0);
        // My talking rebuilt the tree meanwhile: both are still selected for the next whisper.
        assertThat(onFx(() -> tree(robot).getSelectionModel().getSelectedItems().stream()
                .map(item -> ((UserNode) item.getValue()).name()).sorted().toList())).containsExactly("bob", "carol");
    }

    @Test
    void withNobodySelectedTheKeySaysWhatToDoAndSendsNothing(FxRobot robot) throws Exception {
        room = app.startRoom();
        annJoins(robot);
        Person bob = person("bob", null);
        select(robot, "ann");

        robot.press(KeyCode.F8);

        await().atMost(WAIT).until(() -> WhisperViewModel.NOTHING_SELECTED.equals(shownText(robot, "#whisper-status")));
        assertThat(transmitTarget()).isZero();
        assertThat(onFx(() -> app.shell().main().voiceBar().transmittingProperty().get())).isFalse();
        robot.release(KeyCode.F8);
        assertThat(bob.heard()).noneMatch(Voice.Talking::whispered);
    }

    @Test
    void aRefusedWhisperStopsAndShowsTheRoomsReason(FxRobot robot) throws Exception {
        room = app.startRoom();
        annJoins(robot);
        Person bob = person("bob", null);
        Clients.await(bob.client().request(new Friends.SetPrivacy(true, null), Friends.Privacy.class));
        select(robot, "bob");

        robot.press(KeyCode.F8);

        await().atMost(WAIT).until(() -> shownText(robot, "#whisper-status").contains("friends only"));
        assertThat(transmitTarget()).isZero();
        assertThat(onFx(() -> app.shell().main().voiceBar().whisper().whisperingProperty().get())).isFalse();
        robot.release(KeyCode.F8);
    }

    @Test
    void someoneWhisperingFromAnotherChannelIsMarkedOnTheirRowUntilTheyStop(FxRobot robot) throws Exception {
        room = app.startRoom();
        ownerRegisters();
        long ann = annJoins(robot);
        Person bob = person("bob", createChannel("Games", null).id());
        await().atMost(WAIT).until(() -> robot.lookup("#user-bob").tryQuery().isPresent());

        Clients.await(bob.voice().setWhisperTarget(1, List.of(ann), null, false));
        bob.voice().setWhisper(1, true);

        await().atMost(WAIT).until(() -> onFx(() -> whisperingToMe(robot, "bob")));
        assertThat(onFx(() -> robot.lookup("#user-bob").query().getStyleClass())).contains("whispering");
        assertThat(shownText(robot, "#whisper-heard")).isEqualTo("bob is whispering to you");

        bob.voice().setWhisper(1, false);

        await().atMost(WAIT).until(() -> onFx(() -> !whisperingToMe(robot, "bob")));
        assertThat(onFx(() -> robot.lookup("#user-bob").query().getStyleClass())).doesNotContain("whispering");
        await().atMost(WAIT).until(() -> shownText(robot, "#whisper-heard").isEmpty());
    }

    private static boolean whisperingToMe(FxRobot robot, String name) {
        TreeItem<Object> row = itemOf(tree(robot), name);
        return row != null && ((UserNode) row.getValue()).whisperingToMe()
                && robot.lookup("#user-" + name).tryQuery().map(node -> node.getStyleClass().contains("whispering")).orElse(false);
    }

    /** A user's row by name, or a channel's by "#name". */
    private static TreeItem<Object> itemOf(TreeView<Object> tree, String row) {
        return find(tree.getRoot(), row);
    }

    private static TreeItem<Object> find(TreeItem<Object> parent, String row) {
        for (TreeItem<Object> child : parent.getChildren()) {
            Object value = child.getValue();
            if (value instanceof UserNode user && user.name().equals(row)
                    || value instanceof dev.parley.client.ui.room.ChannelNode channel
                    && row.equals("#" + channel.channel().name())) {
                return child;
            }
            TreeItem<Object> inner = find(child, row);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }
}
