package dev.gangway.company;

/**
 * A user's company changed (either side may be null: no company). Fired in the transaction. {@code
 * partOfUserWrite}: the placement reacts to a write of the user itself, which effective access
 * reconciles anyway right after; other placements (rule changes, group-name rules on a membership
 * change) are reconciled on this event.
 */
public record CompanyPlacementChanged(
    String userId, Long companyBefore, Long companyAfter, boolean partOfUserWrite) {
  public CompanyPlacementChanged(String userId, Long companyBefore, Long companyAfter) {
    this(userId, companyBefore, companyAfter, false);
  }
}
