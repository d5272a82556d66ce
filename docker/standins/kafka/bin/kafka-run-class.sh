#!/bin/bash
# Runs a class of the broker's jars, as the distribution's script of this name does.
exec java ${KAFKA_HEAP_OPTS:--Xmx128m} ${KAFKA_OPTS:-} \
  ${KAFKA_LOG4J_OPTS:--Dlog4j.configuration=file:/opt/kafka/config/log4j.properties} \
  -cp '/opt/kafka/libs/*' "$@"
