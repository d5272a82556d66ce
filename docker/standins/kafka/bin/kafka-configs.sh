#!/bin/bash
# The distribution's config tool: describes and changes broker, topic and client settings.
KAFKA_HEAP_OPTS=${KAFKA_TOOLS_HEAP_OPTS:--Xmx128m} KAFKA_LOG4J_OPTS=-Dlog4j.configuration=file:/opt/kafka/config/tools-log4j.properties \
  exec /opt/kafka/bin/kafka-run-class.sh kafka.admin.ConfigCommand "$@"
