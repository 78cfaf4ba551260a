/**
 * Projects, their roles and licence pools, bindings of IdP groups and companies to roles, and
 * effective access: who holds which role in which project, through which binding, since when,
 * kept current in the transaction of every change and recorded as access events.
 */
package dev.gangway.access;
