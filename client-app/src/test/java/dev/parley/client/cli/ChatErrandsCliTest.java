package dev.parley.client.cli;

import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.export.ChatExport;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.server.admin.AdminMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code parley cli --export/--search} and {@code parley admin export} against a real room. */
@Timeout(120)
class ChatErrandsCliTest {
    @TempDir
    Path dir;

    @Test
    void exportsAndSearchesWhatTheUserMayReadAndTheAdminExportsTheRoom() throws Exception {
        Path roomDir = dir.resolve("room");
        String port;
        ChatMessage secret;
        try (TestRoom room = TestRoom.start(roomDir); ControlClient admin = Clients.client(room.port());
             ControlClient bob = Clients.client(room.port())) {
            Clients.signIn(admin, new Credentials.Register("admin", Clients.PASSWORD, null));
            long bobId = Clients.signIn(bob, new Credentials.Register("bob", Clients.PASSWORD, null)).self().id();
            ChannelInfo vault = await(admin.request(new Channels.Create(null, "Vault", "", null, "meeple"),
                    Channels.Created.class)).channel();
            await(admin.requestOk(new Channels.Join(vault.id(), "meeple")));
            secret = send(admin, vault.id(), null, "heron hidden in the vault");
            send(admin, 1L, null, "heron over the lobby");
            send(bob, 1L, null, "a reply from bob");
            send(admin, null, bobId, "heron in a direct message");
            port = String.valueOf(room.port());

            StringWriter out = new StringWriter();
            int code = run(new HeadlessClient(), out, "--port", port, "--trust-on-first-use", "--known-servers",
                    dir.resolve("known.json").toString(), "--user", "bob", "--password", Clients.PASSWORD,
                    "--search", "heron", "--export", dir.resolve("lobby.json").toString());

            assertThat(code).as(out.toString()).isZero();
            assertThat(out.toString()).contains("2 results for \"heron\"")
                    .contains("heron in a direct message").contains("heron over the lobby").doesNotContain("vault")
                    .contains("Exported 2 messages of #channel 1 to");
            ChatExport lobby = ChatExport.fromJson(Files.readString(dir.resolve("lobby.json")));
            assertThat(lobby.messages()).extracting(ChatMessage::text).containsExactly("heron over the lobby", "a reply from bob");

            StringWriter dmOut = new StringWriter();
            assertThat(run(new HeadlessClient(), dmOut, "--port", port, "--trust-on-first-use", "--known-servers",
                    dir.resolve("known.json").toString(), "--user", "bob", "--password", Clients.PASSWORD,
                    "--export-dm", "admin", "--export", dir.resolve("dm.md").toString())).as(dmOut.toString()).isZero();
            assertThat(Files.readString(dir.resolve("dm.md"))).contains("> heron in a direct message");

            // the filters: who wrote it and which days
            String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
            String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
            StringWriter byAdminToday = new StringWriter();
            assertThat(run(new HeadlessClient(), byAdminToday, "--port", port, "--trust-on-first-use", "--known-servers",
                    dir.resolve("known.json").toString(), "--user", "bob", "--password", Clients.PASSWORD,
                    "--search", "heron", "--from", "admin", "--after", yesterday, "--before", tomorrow)).as(byAdminToday.toString()).isZero();
            assertThat(byAdminToday.toString()).contains("2 results for \"heron\"");
            StringWriter byBob = new StringWriter();
            assertThat(run(new HeadlessClient(), byBob, "--port", port, "--trust-on-first-use", "--known-servers",
                    dir.resolve("known.json").toString(), "--user", "bob", "--password", Clients.PASSWORD,
                    "--search", "heron", "--from", "bob")).as(byBob.toString()).isZero();
            assertThat(byBob.toString()).contains("0 results for \"heron\"");
            StringWriter fromTomorrow = new StringWriter();
            assertThat(run(new HeadlessClient(), fromTomorrow, "--port", port, "--trust-on-first-use", "--known-servers",
                    dir.resolve("known.json").toString(), "--user", "bob", "--password", Clients.PASSWORD,
                    "--search", "heron", "--after", tomorrow)).as(fromTomorrow.toString()).isZero();
            assertThat(fromTomorrow.toString()).contains("0 results for \"heron\"");
            StringWriter nobody = new StringWriter();
            assertThat(run(new HeadlessClient(), nobody, "--port", port, "--trust-on-first-use", "--known-servers",
                    dir.resolve("known.json").toString(), "--user", "bob", "--password", Clients.PASSWORD,
                    "--search", "heron", "--from", "zed")).isNotZero();
            assertThat(nobody.toString()).contains("no account 'zed'");
        }

        StringWriter adminOut = new StringWriter();
        Path whole = dir.resolve("whole");
        assertThat(run(new AdminMain(), adminOut, "--data", roomDir.toString(), "export", "--out", whole.toString(),
                "--with-direct-messages")).as(adminOut.toString()).isZero();
        List<ChatExport> files;
        try (var paths = Files.list(whole)) {
            files = paths.sorted().map(path -> {
                try {
                    return ChatExport.fromJson(Files.readString(path));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(files).extracting(export -> export.conversation().title())
                .containsExactlyInAnyOrder("#Lobby", "#Vault", "Direct messages between admin and bob");
        assertThat(files).flatExtracting(ChatExport::messages).extracting(ChatMessage::id).contains(secret.id());
    }

    private static ChatMessage send(ControlClient from, Long channelId, Long toUserId, String text) throws Exception {
        return await(from.request(new Chat.Send(channelId, toUserId, text, UUID.randomUUID().toString(), null),
                Chat.Sent.class)).message();
    }

    private static int run(Object command, StringWriter out, String... args) {
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(out, true));
        return line.execute(args);
    }
}
