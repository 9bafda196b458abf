#!/bin/sh
# Writes the secrets compose.yaml mounts (once; an existing file is kept):
#   secrets/app-db-password  the application database password
#   secrets/database-url     DATABASE_URL built from it
#   secrets/secrets-key      SECRETS_KEY: 32 random bytes, base64 (encrypts stored credentials; back it up)
set -eu
cd "$(dirname "$0")"
umask 077
mkdir -p secrets account-plans backups
[ -s secrets/app-db-password ] || openssl rand -hex 24 > secrets/app-db-password
[ -s secrets/database-url ] || printf 'postgres://openactes:%s@app-db:5432/openactes\n' "$(cat secrets/app-db-password)" > secrets/database-url
[ -s secrets/secrets-key ] || openssl rand -base64 32 > secrets/secrets-key
# The containers run as uid 1000 (node) or postgres: Docker secrets from files keep the host's modes.
chmod 0444 secrets/*
echo "secrets written to $(pwd)/secrets (keep a copy of secrets-key with your backups)"
