#!/usr/bin/env bash
# For machines without a container registry: builds stand-ins for the third-party images that
# docker-compose.yml names, from Debian's packages and Maven Central, and tags them with exactly those
# names (Podman keeps a short name such as postgres:15 as a local image and finds it there before it
# would pull), so the compose file runs unchanged. What each stand-in honours: docker/standins/README.md.
#
#   docker/build-standins.sh        (needs the keycloak module built: ./mvnw -pl keycloak package)
set -euo pipefail
source "$(dirname "$0")/podman.sh"
cd "$OASIS_ROOT"
ensure_podman
ensure_base_image

# The image names and tags as the compose files have them (one place: the compose files).
image_of() {
  local name
  name=$(awk -v want="$1" '$1 == "image:" && $2 ~ ("(^|/)" want ":") {print $2; exit}' \
    docker-compose.yml docker/compose-test/compose-test.yml faults/deployment/compose.yml)
  [[ -n $name ]] || die "docker-compose.yml names no $1 image"
  echo "$name"
}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

build() {  # build <stand-in folder> <image name>
  echo "building $2 (stand-in)"
  cp -r "docker/standins/$1/." "$stage/$1/"
  podman build -q --format docker -t "$2" "$stage/$1" >/dev/null
}

mkdir -p "$stage"/{postgres,kafka,keycloak,greenmail,wiremock,redis}
build postgres "$(image_of postgres)"

kafka=$(image_of kafka)
(cd docker/standins/kafka && "$OASIS_ROOT/mvnw" -q -Dkafka.version="${kafka##*:}" \
  dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$stage/kafka/libs")
build kafka "$kafka"

keycloak=$(image_of keycloak)
dist="keycloak/target/keycloak-${keycloak##*:}"
[[ -x $dist/bin/kc.sh ]] || die "$dist is missing: run ./mvnw -pl keycloak package first"
cp -r "$dist" "$stage/keycloak/keycloak"
build keycloak "$keycloak"

greenmail=$(image_of standalone)
"$OASIS_ROOT/mvnw" -q -f docker/standins/kafka/pom.xml dependency:copy -Dartifact="com.icegreen:greenmail-standalone:${greenmail##*:}" \
  -Dmdep.stripVersion=true -DoutputDirectory="$stage/greenmail"
build greenmail "$greenmail"

wiremock=$(image_of wiremock)
"$OASIS_ROOT/mvnw" -q -f docker/standins/kafka/pom.xml dependency:copy -Dartifact="org.wiremock:wiremock-standalone:${wiremock##*:}" \
  -Dmdep.stripVersion=true -DoutputDirectory="$stage/wiremock"
build wiremock "$wiremock"

build redis "$(image_of redis)"

for image in "$(image_of postgres)" "$kafka" "$keycloak" "$greenmail" "$wiremock" "$(image_of redis)"; do
  echo "$image $(podman image inspect --format '{{.Size}}' "$image" | numfmt --to=si)B"
done
