package dev.parley.server.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Issues and checks signed session tokens (JWT, HMAC-SHA256) with an expiry. The secret lives in
 * the room's database so tokens survive a restart. Thread-safe.
 */
public final class TokenService {
    private static final String ISSUER = "parley";

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Duration lifetime;
    private final Clock clock;

    public TokenService(byte[] secret, Duration lifetime, Clock clock) {
        this.algorithm = Algorithm.HMAC256(secret);
        this.lifetime = lifetime;
        this.clock = clock;
        this.verifier = JWT.require(algorithm).withIssuer(ISSUER).build();
    }

    public String issue(long userId, String name, String serverRun) {
        return issue(userId, name, serverRun, 0);
    }

    /** @param generation the account's token generation now; a later bump revokes this token */
    public String issue(long userId, String name, String serverRun, long generation) {
        Instant expires = clock.instant().plus(lifetime);
        return JWT.create()
                .withClaim("gen", generation)
                .withIssuer(ISSUER)
                .withSubject(Long.toString(userId))
                .withClaim("name", name)
                .withClaim("run", serverRun)
                .withIssuedAt(clock.instant())
                .withExpiresAt(expires)
                .sign(algorithm);
    }

    public long expiresAt(String token) {
        return JWT.decode(token).getExpiresAtAsInstant().toEpochMilli();
    }

    /** The token's claims if its signature is ours and it has not expired. */
    public Optional<SessionToken> verify(String token) {
        try {
            DecodedJWT jwt = verifier.verify(token);
            if (jwt.getExpiresAtAsInstant() == null || !jwt.getExpiresAtAsInstant().isAfter(clock.instant())) {
                return Optional.empty();
            }
            long userId = Long.parseLong(jwt.getSubject());
            Long generation = jwt.getClaim("gen").asLong();
            return Optional.of(new SessionToken(userId, jwt.getClaim("name").asString(),
                    jwt.getClaim("run").asString(), jwt.getExpiresAtAsInstant().toEpochMilli(),
                    generation == null ? 0 : generation));
        } catch (JWTVerificationException | NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
