#!/usr/bin/env bash
# Builds the four service images from the executable jars: oasis/<service>:<version> and :latest.
#
#   ./mvnw -DskipTests package && docker/build-images.sh
#
# With Podman (the default; installed from the OS packages when missing and run as root), or with
# CONTAINER_ENGINE=docker. Prints each image's size at the end.
set -euo pipefail
source "$(dirname "$0")/podman.sh"
cd "$OASIS_ROOT"

ENGINE=${CONTAINER_ENGINE:-podman}
if [[ $ENGINE == podman ]]; then
  ensure_podman
  ensure_base_image
fi

VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
REVISION=$(git rev-parse HEAD 2>/dev/null || echo unknown)
SOURCE=$(git remote get-url origin 2>/dev/null || true)
# service and the port its readiness is served on 
log=$(mktemp)
trap 'rm -f "$log"' EXIT
SERVICES=(customer-service:8081 order-service:8082 notification-service:8083 api-gateway:8080)

for each in "${SERVICES[@]}"; do
  service=${each%%:*}
  ls routes/"$service"/target/"$service"-*-exec.jar >/dev/null 2>&1 \
    || die "routes/$service has no executable jar: run ./mvnw -DskipTests package first"
done

for each in "${SERVICES[@]}"; do
  service=${each%%:*}
  echo "building oasis/$service:$VERSION"
  format=()
  # Podman writes OCI images by default, which have no HEALTHCHECK; the Docker format keeps it.
  [[ $ENGINE == podman ]] && format=(--format docker)
  "$ENGINE" build "${format[@]}" -f docker/Containerfile \
    --build-arg SERVICE="$service" --build-arg HEALTH_PORT="${each#*:}" \
    --build-arg VERSION="$VERSION" --build-arg REVISION="$REVISION" --build-arg SOURCE="$SOURCE" \
    -t "oasis/$service:$VERSION" -t "oasis/$service:latest" . >"$log" 2>&1 \
    || { tail -30 "$log" >&2; die "building oasis/$service failed"; }
done

"$ENGINE" images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep "oasis/.*:$VERSION" | sort
