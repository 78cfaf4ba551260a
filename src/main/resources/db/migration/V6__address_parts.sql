-- The parts of an address, in columns of their own so that filters on them are answered in SQL
-- (addresses[locality eq "Paris"]); the JSON detail stays the source of what is returned.
ALTER TABLE user_value ADD COLUMN addr_formatted VARCHAR(1024);
ALTER TABLE user_value ADD COLUMN addr_street VARCHAR(1024);
ALTER TABLE user_value ADD COLUMN addr_locality VARCHAR(255);
ALTER TABLE user_value ADD COLUMN addr_region VARCHAR(255);
ALTER TABLE user_value ADD COLUMN addr_postal_code VARCHAR(64);
ALTER TABLE user_value ADD COLUMN addr_country VARCHAR(64);
