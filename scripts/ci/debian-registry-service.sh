# shellcheck shell=bash
# Sourced by .ci/run. Debian's docker-registry package may start a registry as a system service
# (listening on all interfaces). The tests start their own registries on their own ports, so CI
# keeps the package's service from starting and stops it only where the package started it. It
# never looks for registries by name: other work on the same machine may run its own.

# Runs "apt-get install" with services kept from starting (Debian's policy-rc.d protocol: exit 101
# means "do not start"), unless the machine already has a policy in place.
outpost_apt_install_without_services() {
  local policy=/usr/sbin/policy-rc.d made_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    made_policy=1
  fi
  apt-get update -q
  local status=0
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" || status=$?
  if [ -n "$made_policy" ]; then rm -f "$policy"; fi
  return "$status"
}

# Stops the package's service if it runs: through systemd when systemd is the init system, else the
# process named in the init script's pid file, and only if that process is docker-registry.
outpost_stop_debian_registry_service() {
  local pidfile="${OUTPOST_DEBIAN_REGISTRY_PIDFILE:-/run/docker-registry.pid}" pid exe
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    if systemctl is-active --quiet docker-registry 2>/dev/null; then
      echo "Stopping Debian's docker-registry service (the tests start their own)"
      systemctl stop docker-registry || true
      systemctl disable docker-registry 2>/dev/null || true
    fi
    return 0
  fi
  [ -r "$pidfile" ] || return 0
  pid=$(tr -dc '0-9' <"$pidfile")
  [ -n "$pid" ] || return 0
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null || true)
  if [ "$(basename "${exe:-none}")" = docker-registry ]; then
    echo "Stopping Debian's docker-registry service, pid $pid from $pidfile (the tests start their own)"
    kill "$pid" 2>/dev/null || true
  fi
}
