#!/bin/sh
# Secrets as files (Docker secrets, Kubernetes secret volumes): for each
# variable below, NAME_FILE=/path sets NAME to the file's content (trailing
# newline removed), so that no secret has to sit in the environment of the
# container definition. A NAME set directly wins.
set -eu
for name in DATABASE_URL SECRETS_KEY DEV_PLATFORM_TOKEN; do
  eval "file=\${${name}_FILE:-}"
  eval "current=\${${name}:-}"
  if [ -n "$file" ] && [ -z "$current" ]; then
    if [ ! -r "$file" ]; then
      echo "entrypoint: ${name}_FILE=$file is not readable" >&2
      exit 1
    fi
    value=$(cat "$file")
    export "$name=$value"
  fi
  unset "${name}_FILE"
done
exec "$@"
