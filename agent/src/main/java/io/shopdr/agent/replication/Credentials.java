package io.shopdr.agent.replication;

import java.util.Objects;

/** A database user and password; {@link #toString()} never shows the password so it cannot leak into logs. */
public record Credentials(String user, String password) {
    public Credentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isBlank()) throw new IllegalArgumentException("database user name is empty");
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=****]";
    }
}
