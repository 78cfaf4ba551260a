-- Database and account for Gangway on MariaDB (run as an administrator: mariadb -uroot < config/mariadb-setup.sql).
-- Tables are created by Gangway's own migrations at start. utf8mb4_bin: text compares byte for
-- byte, as on the embedded database; Gangway folds case itself where SCIM asks for it.
CREATE DATABASE IF NOT EXISTS gangway CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER IF NOT EXISTS 'gangway'@'localhost' IDENTIFIED BY 'change-me';
CREATE USER IF NOT EXISTS 'gangway'@'127.0.0.1' IDENTIFIED BY 'change-me';
GRANT ALL PRIVILEGES ON gangway.* TO 'gangway'@'localhost';
GRANT ALL PRIVILEGES ON gangway.* TO 'gangway'@'127.0.0.1';
