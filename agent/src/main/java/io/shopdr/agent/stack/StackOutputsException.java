package io.shopdr.agent.stack;

/** The stack's outputs are missing, malformed or incomplete; the message names the field and the fix (never a secret). */
public class StackOutputsException extends RuntimeException {
    public StackOutputsException(String message) {
        super(message);
    }
}
