package dev.gangway.company;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What company publishes to other contexts (access) and to the admin API about companies and their
 * members: each read by id or by an indexed key. Nothing outside company queries company's tables;
 * it asks here.
 */
public interface CompanyQueries {
  /** The id of the active company with this key. */
  Optional<Long> activeCompanyId(String key);

  /** A company's key, active or not. */
  Optional<String> companyKey(long companyId);

  /**
   * The company a user is placed in (read by primary key: a placement the transaction holds costs
   * nothing).
   */
  Optional<Long> companyOf(String userId);

  /** The keys of the companies these users are placed in (absent: none), in one read. */
  Map<String, String> companyKeysOf(Collection<String> userIds);

  /** A company's active members with their userNames, in user-id order, in one read. */
  Map<String, String> activeMembers(long companyId);
}
