package dev.parley.protocol.control.model;

import dev.parley.protocol.control.Check;

/**
 * Who someone is. Accounts have positive ids that never change; guests have negative ids that are
 * valid for one server run only.
 */
public record UserInfo(long id, String name, Role role) {
    public UserInfo {
        if (id == 0) {
            throw Check.invalid("id", "must not be 0");
        }
        Check.required(name, "name");
        Check.required(role, "role");
    }

    public boolean guest() {
        return id < 0;
    }
}
