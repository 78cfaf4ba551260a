-- Gangway's extension for external identity: the company the IdP says a user works for.
ALTER TABLE scim_user ADD COLUMN company VARCHAR(255);
