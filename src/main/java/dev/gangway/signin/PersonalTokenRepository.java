package dev.gangway.signin;

import dev.gangway.directory.SecretToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where personal API tokens are kept; a presented token is found by the hash of its secret (a
 * unique index).
 */
public interface PersonalTokenRepository {
  /** Stores a new token; its id is known on return. */
  void add(PersonalToken token);

  /** Every token, by id. */
  List<PersonalToken> list();

  Optional<PersonalToken> find(long id);

  Optional<PersonalToken> findByHash(SecretToken.Hash hash);

  /**
   * Notes a use at {@code now}, unless the token was used since {@code notSince}, on the token's
   * own row.
   */
  void touch(long id, Instant now, Instant notSince);
}
