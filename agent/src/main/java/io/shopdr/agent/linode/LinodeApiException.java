package io.shopdr.agent.linode;

/** A failed Linode API call (DNS, firewall or any other), with a message an operator can act on (never a token). */
public class LinodeApiException extends RuntimeException {
    private final int status;

    public LinodeApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public LinodeApiException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status behind the failure, or 0 when there was no response (timeout, connection refused). */
    public int status() {
        return status;
    }
}
