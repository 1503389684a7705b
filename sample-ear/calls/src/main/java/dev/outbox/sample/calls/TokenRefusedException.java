package dev.outbox.sample.calls;

/** The bearer token of a request is missing or the auth backend does not accept it: answered with 401. */
public final class TokenRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final TokenProblem problem;

    public TokenRefusedException(TokenProblem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public TokenProblem problem() {
        return problem;
    }
}
