package dev.gangway.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** Finds the active directory a presented bearer token belongs to. */
@ApplicationScoped
public class DirectoryAuthentication {
  private DirectoryRepository directories;

  protected DirectoryAuthentication() {}

  @Inject
  DirectoryAuthentication(DirectoryRepository directories) {
    this.directories = directories;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<DirectoryId> authenticate(String presentedToken) {
    if (presentedToken == null
        || !presentedToken.startsWith(DirectoryAdministration.TOKEN_PREFIX)) {
      return Optional.empty();
    }
    SecretToken.Hash hash = SecretToken.Hash.of(presentedToken);
    return directories
        .findByTokenHash(hash)
        .filter(d -> d.accepts(hash))
        .map(d -> new DirectoryId(d.id()));
  }
}
