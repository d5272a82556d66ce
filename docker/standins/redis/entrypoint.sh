#!/bin/sh
# As the official image: "redis-server [options]" (or options alone) starts the server, reachable from
# other containers (Debian's defaults bind it to loopback in protected mode); the options given come
# after these defaults, so they win. Anything else runs as a command.
set -e
case "${1:-}" in
  -*) set -- redis-server "$@" ;;
esac
if [ "${1:-}" = redis-server ]; then
  shift
  exec redis-server --bind '* -::*' --protected-mode no --dir /data --daemonize no --logfile '' "$@"
fi
exec "$@"
