-- Passwords an IdP sends are discarded on arrival (Gangway authenticates no one with them):
-- drop the hashes stored so far.
ALTER TABLE scim_user DROP COLUMN password_hash;
