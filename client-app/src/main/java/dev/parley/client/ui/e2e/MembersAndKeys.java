package dev.parley.client.ui.e2e;

import dev.parley.client.core.e2e.KeyExchange;
import dev.parley.client.ui.fx.Failures;
import dev.parley.protocol.control.model.ChannelInfo;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The model of one "Members & keys" dialog: a channel's members with where their identity keys stand and our
 * safety numbers, the accounts that could be added, and the changes (add, remove, mark verified), each a new key
 * made off the UI thread. Also turns a plain or passphrase channel into a shared-key one. UI thread only.
 */
public final class MembersAndKeys {
    /** An account that can be given the key. */
    public record Candidate(long userId, String name) {
        @Override
        public String toString() {
            return name; // what the picker's list shows
        }
    }

    private final EncryptionViewModel model;
    private final long channelId;
    private final ObjectProperty<ChannelInfo> channel = new SimpleObjectProperty<>();
    private final ObservableList<SharedMembers.Member> members = FXCollections.observableArrayList();
    private final ObservableList<Candidate> candidates = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private Map<Long, String> accounts = Map.of();
    private long selfId;
    /** Bumped by every load, so an older answer arriving late does not overwrite a newer one. */
    private int loads;

    /** @param channel the channel as the menu saw it (a plain one is not among the encrypted channels) */
    public MembersAndKeys(EncryptionViewModel model, ChannelInfo channel) {
        this.model = model;
        this.channelId = channel.id();
        this.channel.set(channel);
    }

    public ObjectProperty<ChannelInfo> channelProperty() {
        return channel;
    }

    public boolean shared() {
        ChannelInfo now = channel.get();
        return now.endToEnd() && now.e2e().shared();
    }

    public ObservableList<SharedMembers.Member> members() {
        return members;
    }

    public ObservableList<Candidate> candidates() {
        return candidates;
    }

    /** What happened last, or why not; a sentence for the user. */
    public StringProperty statusProperty() {
        return status;
    }

    /** True while a change is on its way: the buttons wait. */
    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Reads the channel as the room shows it now, the room's accounts, and the members' keys. */
    public void reload() {
        model.encryptedChannel(channelId).ifPresent(channel::set);
        ChannelInfo now = channel.get();
        int load = ++loads;
        CompletableFuture<Long> self = model.keyring().selfId();
        // The room's accounts rarely change while the dialog is open: read once, reused by every reload.
        CompletableFuture<Map<Long, String>> names = accounts.isEmpty() ? model.keyring().accounts()
                : CompletableFuture.completedFuture(accounts);
        model.onUi(self.thenCombine(names, (id, found) -> Map.entry(id, found))).thenCompose(found -> {
            selfId = found.getKey();
            accounts = Map.copyOf(found.getValue());
            Map<Long, String> named = accounts; // rows are made off the UI thread: they read this copy
            return model.members(now, id -> named.getOrDefault(id, "user " + id));
        }).whenComplete((rows, failure) -> {
            if (load != loads) {
                return;
            }
            if (failure != null) {
                status.set("Members not read: " + Failures.sentence(failure));
                return;
            }
            members.setAll(rows);
            Set<Long> present = new HashSet<>(now.endToEnd() ? now.e2e().members() : List.of());
            present.add(selfId);
            candidates.setAll(accounts.entrySet().stream().filter(entry -> !present.contains(entry.getKey()))
                    .map(entry -> new Candidate(entry.getKey(), entry.getValue()))
                    .sorted(Comparator.comparing(c -> c.name().toLowerCase(Locale.ROOT))).toList());
        });
    }

    /** Gives a new key to the members and {@code added} (for a channel not shared yet: to them and me). */
    public void add(List<Candidate> added) {
        if (added.isEmpty()) {
            status.set("Choose whom to add first.");
            return;
        }
        List<Long> others = SharedMembers.adding(currentMembers(), added.stream().map(Candidate::userId).toList(),
                selfId);
        String who = String.join(", ", added.stream().map(Candidate::name).toList());
        rotate(others, key -> (shared() ? who + " added" : "#" + channel.get().name() + " now has a shared key, given to "
                + who + " and you") + " (key " + key + ").");
    }

    /** Gives a new key to everyone but {@code member}, who keeps what they could read and gets nothing new. */
    public void remove(SharedMembers.Member member) {
        rotate(SharedMembers.removing(currentMembers(), member.userId(), selfId), key -> member.name()
                + " removed (key " + key + "): they keep what they could read before and cannot read what comes next.");
    }

    /** The user compared {@code member}'s safety number and it matched. */
    public void markVerified(SharedMembers.Member member) {
        if (member.key() == null) {
            return;
        }
        model.onUi(model.keyring().markVerified(member.userId(), member.key())).whenComplete((ok, failure) -> {
            if (failure != null) {
                status.set("Not marked: " + Failures.sentence(failure));
            } else {
                status.set(member.name() + " is verified.");
                reload();
            }
        });
    }

    private List<Long> currentMembers() {
        ChannelInfo now = channel.get();
        return now.endToEnd() && now.e2e().shared() ? now.e2e().members() : List.of();
    }

    private void rotate(List<Long> others, IntFunction<String> done) {
        busy.set(true);
        status.set("Making a new key…");
        model.onUi(model.keyring().rotate(channelId, others)).whenComplete((key, failure) -> {
            busy.set(false);
            if (failure == null) {
                status.set(done.apply(key.epoch()));
                model.keysChangedHere();
                return; // the room's channel.updated brings the new members; the dialog reloads then
            }
            Throwable cause = SharedKeyring.unwrap(failure);
            status.set(cause instanceof KeyExchange.MissingIdentities missing
                    ? SharedMembers.withoutKey(missing.userIds(), this::nameOf)
                    : "Key not changed: " + Failures.sentence(cause));
        });
    }

    private String nameOf(long userId) {
        String name = accounts.get(userId);
        return name != null ? name : "user " + userId;
    }
}
