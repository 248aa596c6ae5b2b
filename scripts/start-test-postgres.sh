#!/usr/bin/env bash
# Starts a private PostgreSQL server for the store tests and prints the variables the tests read.
# Installs Debian's postgresql package when it is missing. Usage: eval "$(bash scripts/start-test-postgres.sh)"
set -euo pipefail
port=${LMI_TEST_POSTGRES_PORT:-55432}
dir=${LMI_TEST_POSTGRES_DIR:-/tmp/lmi-hub-test-postgres}

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; } >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

if [ -f "$dir/postmaster.pid" ]; then
  su postgres -c "$bin/pg_ctl -D $dir -m fast -w stop" >&2 || true
fi
rm -rf "$dir"
mkdir -p "$dir"
chown postgres:postgres "$dir"
su postgres -c "$bin/initdb -D $dir -U postgres -A trust -E UTF8" >/dev/null
su postgres -c "$bin/pg_ctl -D $dir -l $dir/server.log -o '-c listen_addresses=127.0.0.1 -p $port -k $dir' -w start" >&2
su postgres -c "$bin/psql -h 127.0.0.1 -p $port -U postgres -c 'CREATE DATABASE lmi_test'" >/dev/null

echo "export LMI_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:$port/lmi_test"
echo "export LMI_TEST_POSTGRES_USER=postgres"
