package io.shopdr.drill;

/** A drill cannot start or continue; the message names what is wrong and how to fix it (never a secret). */
public class DrillException extends RuntimeException {
    public DrillException(String message) {
        super(message);
    }

    public DrillException(String message, Throwable cause) {
        super(message, cause);
    }
}
