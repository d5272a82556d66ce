# Sourced by the container scripts: makes sure Podman, podman-compose and a Debian base image are here.
# Podman and friends come from the OS packages (installed when missing, as root); the base image is
# bootstrapped from the Debian mirror this machine's apt sources name, for machines without a registry.

OASIS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE_IMAGE=localhost/debian-base:bookworm

die() { echo "$*" >&2; exit 1; }

ensure_podman() {
  local missing=()
  for tool in podman:podman runc:runc debootstrap:debootstrap podman-compose:podman-compose curl:curl; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
  done
  if ((${#missing[@]})); then
    [[ $(id -u) == 0 ]] || die "Podman and friends are missing (${missing[*]}): install them with
  sudo apt-get install -y podman runc debootstrap podman-compose curl
or run this as root to have them installed."
    echo "installing ${missing[*]} from the OS packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if [[ -z ${CONTAINERS_CONF:-} && ! -e /etc/containers/containers.conf && ! -e ${XDG_CONFIG_HOME:-$HOME/.config}/containers/containers.conf ]]; then
    export CONTAINERS_CONF="$OASIS_ROOT/docker/containers.conf"
  fi
}

# The first Debian mirror the apt sources name (deb822 .sources files or the classic list).
debian_mirror() {
  local mirror
  mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '$1 == "URIs:" && $2 !~ /security/ {print $2; exit}')
  [[ -n $mirror ]] || mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
    | awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}')
  [[ -n $mirror ]] || die "no Debian mirror found in the apt sources"
  echo "$mirror"
}

# localhost/debian-base:bookworm, also tagged debian:bookworm-slim so that Containerfiles written for a
# registry build unchanged (Podman finds a short name among local images before it would pull one).
# Bootstrapped once (about a minute); kept afterwards.
ensure_base_image() {
  # Pulled or tagged already: nothing to bootstrap.
  if podman image exists debian:bookworm-slim; then return; fi
  if podman image exists "$BASE_IMAGE"; then
    podman tag "$BASE_IMAGE" debian:bookworm-slim
    return
  fi
  [[ $(id -u) == 0 ]] || die "bootstrapping the base image needs root (debootstrap)"
  local rootfs
  rootfs=$(mktemp -d)
  echo "bootstrapping $BASE_IMAGE from $(debian_mirror)"
  debootstrap --variant=minbase bookworm "$rootfs" "$(debian_mirror)" >/dev/null
  # What a slim image leaves out: downloaded packages, package lists, documentation.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/*
  tar -C "$rootfs" -c . | podman import -q - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
  podman tag "$BASE_IMAGE" debian:bookworm-slim
}
