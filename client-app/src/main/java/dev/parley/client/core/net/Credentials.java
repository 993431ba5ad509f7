package dev.parley.client.core.net;

import dev.parley.protocol.control.message.Request;
import dev.parley.protocol.control.message.Session;

/** How to sign in on a fresh connection. Passwords are kept only as long as this value lives. */
public sealed interface Credentials {

    /** The sign-in request this stands for. */
    Request toRequest();

    record Register(String username, String password, String serverPassword) implements Credentials {
        @Override
        public Request toRequest() {
            return new Session.Register(username, password, serverPassword);
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
