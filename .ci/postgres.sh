#!/usr/bin/env bash
# Starts the Debian PostgreSQL cluster on loopback only and makes the role and
# database the tests use (kz/kz). Safe to run again.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q .; then
  pg_createcluster "$version" main >/dev/null
fi
cluster=$(pg_lsclusters -h | head -1 | awk '{print $1" "$2}')
conf_dir="/etc/postgresql/${cluster// //}"
grep -q "^listen_addresses = '127.0.0.1'" "$conf_dir/postgresql.conf" || echo "listen_addresses = '127.0.0.1'" >> "$conf_dir/postgresql.conf"
pg_ctlcluster $cluster start 2>/dev/null || pg_ctlcluster $cluster status >/dev/null
for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -q && break; sleep 1; done
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_roles WHERE rolname='kz'\"" | grep -q 1 ||
  su postgres -c "psql -q -c \"CREATE ROLE kz LOGIN SUPERUSER PASSWORD 'kz'\""
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='kz'\"" | grep -q 1 ||
  su postgres -c "createdb -O kz kz"
echo "PostgreSQL $version ready on 127.0.0.1:5432"
