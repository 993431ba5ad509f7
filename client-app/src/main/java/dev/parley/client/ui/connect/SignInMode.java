package dev.parley.client.ui.connect;

/** How the user signs in on the start screen. */
public enum SignInMode {
    LOG_IN("Log in"),
    REGISTER("Create account"),
    GUEST("Join as guest");

    private final String label;

    SignInMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
