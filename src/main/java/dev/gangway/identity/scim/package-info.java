/**
 * The SCIM 2.0 boundary of the identity context: Gangway's own JAX-RS resources, each method one
 * pipeline — authenticated directory, body and query checked against {@code scim-schemas/}, use
 * case, document, answer — plus the IdP dialects (Okta, Entra) and SCIM error bodies. Apache
 * SCIMple is used here for its filter parser and protocol constants only; its types stop here (and
 * in the query code of {@code identity.jpa}, which turns SCIMple's filter tree into SQL). This
 * package knows no {@code EntityManager}, no query and no other context's tables: it calls the use
 * cases of {@code identity} (see {@code docs/design/scim-boundary.md}).
 */
package dev.gangway.identity.scim;
