package dev.parley.client.core.net;

import dev.parley.protocol.control.message.Request;
import dev.parley.protocol.control.message.Session;

/** How to sign in on a fresh connection. Passwords are kept only as long as this value lives. */
public sealed interface Credentials {

    /** The sign-in request this stands for. */
    Request toRequest();

    /** @param invite an invite code from a {@code parley://...&invite=} link, or null */
    record Register(String username, String password, String serverPassword, String invite) implements Credentials {
        public Register(String username, String password, String serverPassword) {
            this(username, password, serverPassword, null);
        }

        @Override
        public Request toRequest() {
            return new Session.Register(username, password, serverPassword, invite);
        }

        @Override
        public String toString() {
            return "Register[" + username + "]";
        }
    }

    record Login(String username, String password) implements Credentials {
        @Override
        public Request toRequest() {
            return new Session.Login(username, password);
        }

        @Override
        public String toString() {
            return "Login[" + username + "]";
        }
    }

    record Guest(String nickname, String serverPassword) implements Credentials {
        @Override
        public Request toRequest() {
            return new Session.GuestJoin(nickname, serverPassword);
        }

        @Override
        public String toString() {
            return "Guest[" + nickname + "]";
        }
    }

    /** A token from an earlier {@code auth.ok}, e.g. saved from the last run. */
    record Resume(String token) implements Credentials {
        @Override
        public Request toRequest() {
            return new Session.Resume(token);
        }

        @Override
        public String toString() {
            return "Resume[]";
        }
    }
}
