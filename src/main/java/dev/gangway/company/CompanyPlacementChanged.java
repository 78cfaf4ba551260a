package dev.gangway.company;

/** A user's company changed (either side may be null: no company). Fired in the transaction. */
public record CompanyPlacementChanged(String userId, Long companyBefore, Long companyAfter) {}
