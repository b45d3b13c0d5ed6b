package io.shopdr.sim.linode;

/** Thrown inside the simulator's handlers to answer with Linode's error shape ({@code {"errors":[…]}}). */
final class ApiError extends RuntimeException {
    final int status;
    final String field;

    ApiError(int status, String field, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.field = field;
    }

    static ApiError notFound() {
        return new ApiError(404, null, "Not found");
    }

    static ApiError methodNotAllowed() {
        return new ApiError(405, null, "Method Not Allowed");
    }
}
