/**
 * External companies, the rules that place users in them, the company groups they derive, their
 * port ({@code CompanyRepository}) and the reads company publishes ({@code CompanyQueries}). Reads
 * users only through identity's published queries; knows no JPA query, project, REST or SCIM type.
 */
package dev.gangway.company;
