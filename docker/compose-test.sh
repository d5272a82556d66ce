#!/usr/bin/env bash
# The compose test: builds the images, starts docker-compose.yml with podman-compose, waits for every
# container to be healthy, runs the end-to-end journey through the gateway (docker/compose-test/journey.sh),
# scales the order service to two replicas and checks both take jobs, and tears everything down, leaving
# no container, volume or network behind, whatever happens.
#
#   ./mvnw -DskipTests package && docker/compose-test.sh       (./mvnw verify runs it too: module deploy)
#
# COMPOSE_TEST_KEEP=true leaves the stack running afterwards, to look into a failure (podman-compose -p
# oasis-compose-test down -v, from the folder it prints, removes it).
#
# Podman and podman-compose come from the OS packages: installed when missing if run as root, otherwise
# it stops and says what to install. Machines without a registry get stand-ins for the third-party
# images (docker/build-standins.sh). Host ports are the ones below, none of the launcher's.
set -euo pipefail
source "$(dirname "$0")/podman.sh"
cd "$OASIS_ROOT"
started=$SECONDS
step() { printf '[compose-test %4ds] %s\n' $((SECONDS - started)) "$*"; }

ensure_podman
export GATEWAY_PORT=${COMPOSE_TEST_GATEWAY_PORT:-18080} KEYCLOAK_PORT=${COMPOSE_TEST_KEYCLOAK_PORT:-18180}
export MAIL_IMAP_PORT=${COMPOSE_TEST_IMAP_PORT:-13143} MAIL_API_PORT=${COMPOSE_TEST_MAIL_API_PORT:-18025}
export POSTGRES_PORT=${COMPOSE_TEST_POSTGRES_PORT:-15432} KAFKA_PORT=${COMPOSE_TEST_KAFKA_PORT:-39092}
export PARTNERS_PORT=${COMPOSE_TEST_PARTNERS_PORT:-18089}
for port in "$GATEWAY_PORT" "$KEYCLOAK_PORT" "$MAIL_IMAP_PORT" "$MAIL_API_PORT" "$POSTGRES_PORT" "$KAFKA_PORT" "$PARTNERS_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port is taken; set the COMPOSE_TEST_*_PORT variables"; fi
done

# The third-party images: pulled where a registry is reachable (COMPOSE_TEST_PULL=true, as in the CI
# workflow), otherwise built as stand-ins from Debian and Maven Central packages (once; kept afterwards).
third_party=$(sed -n 's/^ *image: *\([^$]*\)$/\1/p' docker-compose.yml docker/compose-test/compose-test.yml)
if [[ ${COMPOSE_TEST_PULL:-false} == true ]]; then
  step "pulling the third-party images"
  for image in debian:bookworm-slim $third_party; do podman pull -q "$image" >/dev/null; done
fi
step "building the images"
docker/build-images.sh
missing=0
for image in $third_party; do podman image exists "$image" || missing=1; done
if ((missing)); then step "building the stand-ins for the third-party images"; docker/build-standins.sh; fi

# The stack runs from a folder of its own, so a developer's .env is neither read nor touched: the
# compose files copied, the folders they mount linked.
project=oasis-compose-test
work=$(mktemp -d)
cp docker-compose.yml "$work/"
for folder in config keycloak workflows routes docker; do ln -s "$OASIS_ROOT/$folder" "$work/$folder"; done
# Without systemd Podman cannot schedule the health checks itself and says so for every container; the
# checks run below instead, so those lines are left out.
compose() {
  (cd "$work" && podman-compose -p "$project" -f docker-compose.yml -f docker/compose-test/compose-test.yml "$@") \
    2> >(grep -v -e 'systemd connection' -e 'no such volume' -e 'connect to syslog' -e 'already in use' >&2)
}

leftovers() {
  podman ps -a -q --filter "label=io.podman.compose.project=$project"
  podman volume ls -q | grep "^${project}_" || true
  podman network ls -q | grep "^${project}_" || true
}
teardown() {
  local status=$?
  trap - EXIT
  if [[ ${COMPOSE_TEST_KEEP:-false} == true ]]; then
    step "$( ((status)) && echo FAILED || echo passed); the stack is kept (COMPOSE_TEST_KEEP): $work"
    exit $status
  fi
  if ((status)); then
    step "FAILED; the last log lines of each container:"
    for container in $(podman ps -a --format '{{.Names}}' --filter "label=io.podman.compose.project=$project"); do
      echo "----- $container"; podman logs --tail 25 "$container" 2>&1 || true
    done
  fi
  step "tearing down"
  compose down -v -t 5 >/dev/null 2>&1 || true
  podman pod rm -f "pod_$project" >/dev/null 2>&1 || true
  for volume in $(podman volume ls -q | grep "^${project}_" || true); do podman volume rm -f "$volume" >/dev/null; done
  for network in $(podman network ls -q | grep "^${project}_" || true); do podman network rm -f "$network" >/dev/null; done
  rm -rf "$work"
  if [[ -n $(leftovers) ]]; then
    echo "compose test: left behind: $(leftovers | tr '\n' ' ')" >&2
    status=1
  fi
  step "$( ((status)) && echo FAILED || echo passed) in $((SECONDS - started)) s"
  exit $status
}
trap teardown EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "checking that compose refuses to start without the required secrets"
if refusal=$(cd "$work" && env -i PATH="$PATH" HOME="$HOME" ${CONTAINERS_CONF:+CONTAINERS_CONF="$CONTAINERS_CONF"} \
    podman-compose -p "$project" -f docker-compose.yml ps 2>&1); then
  die "compose started without a .env: it must refuse"
fi
grep -q 'set .* in .env' <<<"$refusal" || die "compose refused, but not naming the missing setting: $refusal"

secret() { openssl rand -hex 16; }
cat >"$work/.env" <<ENV
POSTGRES_PASSWORD=$(secret)
KEYCLOAK_ADMIN_USER=admin
KEYCLOAK_ADMIN_PASSWORD=$(secret)
CAMUNDA_WEBAPPS_CLIENT_SECRET=$(secret)
ORDER_CLIENT_SECRET=$(secret)
CUSTOMER_CLIENT_SECRET=$(secret)
NOTIFICATION_CLIENT_SECRET=$(secret)
ORDER_PAYMENT_WEBHOOK_SECRET=$(secret)
ORDER_CARRIER_CALLBACK_SECRET=$(secret)
PAYMENT_PROVIDER_API_KEY=$(secret)
WAREHOUSE_URL=http://partners:8080/warehouse
PAYMENT_PROVIDER_URL=http://partners:8080/payments
CARRIER_URL=http://partners:8080/carrier
SERVICE_JAVA_OPTS="-XX:TieredStopAtLevel=1 -Xss512k -XX:ActiveProcessorCount=2"
ENV
set -a; source "$work/.env"; set +a

# Health as each container's own check says; podman-compose starts containers without waiting on
# depends_on conditions, and without systemd nobody runs the checks on a timer, so they run here.
wait_healthy() {  # wait_healthy <seconds> <service>...
  local deadline=$((SECONDS + $1)) service container pending
  shift
  while :; do
    pending=()
    for service in "$@"; do
      for container in $(podman ps -a --format '{{.Names}}' --filter "label=io.podman.compose.project=$project" \
          --filter "label=com.docker.compose.service=$service"); do
        podman healthcheck run "$container" >/dev/null 2>&1 || pending+=("$container")
      done
    done
    ((${#pending[@]} == 0)) && return 0
    ((SECONDS < deadline)) || die "not healthy after $1 s: ${pending[*]}"
    sleep 5
  done
}

infrastructure=(postgres kafka keycloak mail partners)
services=(customer-service order-service notification-service api-gateway)
step "starting the infrastructure: ${infrastructure[*]}"
up_started=$SECONDS
compose up -d "${infrastructure[@]}" >/dev/null
wait_healthy 300 "${infrastructure[@]}"
step "infrastructure healthy after $((SECONDS - up_started)) s; starting ${services[*]}"
compose up -d >/dev/null
wait_healthy 480 "${services[@]}"
step "the whole stack is healthy $((SECONDS - up_started)) s after up"

step "running the journey through the gateway"
docker/compose-test/journey.sh

step "scaling the order service to 2"
export ORDER_SERVICE_REPLICAS=2
compose up -d order-service >/dev/null
wait_healthy 300 order-service
docker/compose-test/scaled.sh "$project"
