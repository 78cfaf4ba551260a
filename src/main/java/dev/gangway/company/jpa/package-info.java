/**
 * Storage of companies, mapping rules, company members, issues and re-evaluations in JPA, and the
 * reads company publishes ({@code CompanyQueries}). Joins identity's tables only through {@code
 * identity.jpa.IdentityJoins}; knows nothing of access, projects or SCIM.
 */
package dev.gangway.company.jpa;
