#!/usr/bin/env bash
# A three-node MariaDB Galera cluster on loopback ports, for tests (GaleraIT) and for trying
# Gangway on several nodes by hand. Needs Debian's mariadb-server, galera-4 and rsync (the SST
# method), and root (the servers run as the mysql user).
#
#   galera-cluster.sh start DIR [BASE_PORT]   start nodes 1..3 in DIR/node1..3; prints the ports
#   galera-cluster.sh stop DIR                stop the nodes started in DIR and remove DIR
#
# Node N listens for SQL on BASE_PORT+10*N (default base 24000: 24010, 24020, 24030), for Galera
# replication on +1, IST on +2, SST on +3. Each node gets an account able to create databases and
# users: galera_admin / $GALERA_ADMIN_PASSWORD (default "galera-admin"), from 127.0.0.1 only.
# Every server runs with --no-defaults: nothing of the machine's own MariaDB configuration leaks in.
set -euo pipefail

usage() { echo "usage: $0 start DIR [BASE_PORT] | stop DIR" >&2; exit 2; }
[ $# -ge 2 ] || usage
action=$1
dir=$2
base=${3:-24000}
admin_password=${GALERA_ADMIN_PASSWORD:-galera-admin}

mariadbd_bin=$(command -v mariadbd || echo /usr/sbin/mariadbd)
provider=/usr/lib/galera/libgalera_smm.so

log() { echo "galera: $*" >&2; }

sql_port() { echo $((base + 10 * $1)); }
gcomm_port() { echo $((base + 10 * $1 + 1)); }
ist_port() { echo $((base + 10 * $1 + 2)); }
sst_port() { echo $((base + 10 * $1 + 3)); }

status_of() { # node variable
  mariadb --no-defaults -uroot --socket="$dir/node$1/mysqld.sock" -N -B \
    -e "SHOW GLOBAL STATUS LIKE '$2'" 2>/dev/null | awk '{print $2}'
}

wait_ready() { # node
  for _ in $(seq 1 240); do
    [ "$(status_of "$1" wsrep_ready)" = "ON" ] && [ "$(status_of "$1" wsrep_local_state_comment)" = "Synced" ] && return 0
    if [ -f "$dir/node$1/mysqld.pid" ] && ! kill -0 "$(cat "$dir/node$1/mysqld.pid")" 2>/dev/null; then
      log "node $1 exited; end of its log:"; tail -30 "$dir/node$1/error.log" >&2; return 1
    fi
    sleep 0.5
  done
  log "node $1 did not become ready; end of its log:"; tail -30 "$dir/node$1/error.log" >&2
  return 1
}

start_node() { # node [--wsrep-new-cluster]
  local n=$1; shift
  local d="$dir/node$n"
  local cluster="gcomm://127.0.0.1:$(gcomm_port 1),127.0.0.1:$(gcomm_port 2),127.0.0.1:$(gcomm_port 3)"
  # The server reads nothing but these options; the pid file tells `stop` whom to end.
  "$mariadbd_bin" --no-defaults --user=mysql \
    --datadir="$d/data" --socket="$d/mysqld.sock" --pid-file="$d/mysqld.pid" --log-error="$d/error.log" \
    --port="$(sql_port "$n")" --bind-address=127.0.0.1 \
    --binlog_format=ROW --innodb_autoinc_lock_mode=2 --default_storage_engine=InnoDB \
    --innodb_buffer_pool_size=64M --innodb_log_file_size=32M --innodb_flush_log_at_trx_commit=2 \
    --performance_schema=OFF --max_connections=200 \
    --wsrep_on=ON --wsrep_provider="$provider" --wsrep_cluster_name="gangway-test-$base" \
    --wsrep_cluster_address="$cluster" --wsrep_node_name="node$n" \
    --wsrep_node_address="127.0.0.1:$(gcomm_port "$n")" \
    --wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$(gcomm_port "$n");ist.recv_addr=127.0.0.1:$(ist_port "$n");gcache.size=32M" \
    --wsrep_sst_receive_address="127.0.0.1:$(sst_port "$n")" --wsrep_sst_method=rsync \
    "$@" </dev/null >>"$d/stdout.log" 2>&1 &
}

case "$action" in
  start)
    [ "$(id -u)" = 0 ] || { log "must run as root (the servers run as the mysql user)"; exit 1; }
    for tool in "$mariadbd_bin" mariadb-install-db rsync; do
      command -v "$tool" >/dev/null || { log "$tool is missing: apt-get install -y mariadb-server galera-4 rsync"; exit 1; }
    done
    [ -f "$provider" ] || { log "$provider is missing: apt-get install -y galera-4"; exit 1; }
    mkdir -p "$dir"
    chmod 755 "$dir"
    # mysql must reach the datadirs: every parent needs o+x
    p=$(cd "$dir" && pwd)
    while [ "$p" != "/" ]; do
      [ -x "$p" ] && [[ "$(stat -c %A "$p" | cut -c10)" =~ [xt] ]] || { log "$p is not reachable by the mysql user"; exit 1; }
      p=$(dirname "$p")
    done
    for n in 1 2 3; do
      mkdir -p "$dir/node$n/data"
      chown -R mysql:mysql "$dir/node$n"
      mariadb-install-db --no-defaults --user=mysql --datadir="$dir/node$n/data" \
        --auth-root-authentication-method=socket --skip-test-db >"$dir/node$n/install.log" 2>&1 \
        || { log "mariadb-install-db failed for node $n:"; cat "$dir/node$n/install.log" >&2; exit 1; }
    done
    start_node 1 --wsrep-new-cluster
    wait_ready 1
    # created on node 1 before the others join: they receive it with the state transfer
    mariadb --no-defaults -uroot --socket="$dir/node1/mysqld.sock" <<SQL
CREATE USER 'galera_admin'@'127.0.0.1' IDENTIFIED BY '$admin_password';
GRANT ALL PRIVILEGES ON *.* TO 'galera_admin'@'127.0.0.1' WITH GRANT OPTION;
SQL
    start_node 2
    wait_ready 2
    start_node 3
    wait_ready 3
    size=$(status_of 1 wsrep_cluster_size)
    [ "$size" = 3 ] || { log "cluster size is $size, not 3"; exit 1; }
    log "three nodes synced: SQL on 127.0.0.1:$(sql_port 1), :$(sql_port 2), :$(sql_port 3)"
    echo "$(sql_port 1) $(sql_port 2) $(sql_port 3)"
    ;;
  stop)
    [ -d "$dir" ] || exit 0
    for n in 3 2 1; do
      pidfile="$dir/node$n/mysqld.pid"
      [ -f "$pidfile" ] || continue
      pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
    done
    for n in 3 2 1; do
      pidfile="$dir/node$n/mysqld.pid"
      [ -f "$pidfile" ] || continue
      pid=$(cat "$pidfile")
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$dir"
    ;;
  *) usage ;;
esac
