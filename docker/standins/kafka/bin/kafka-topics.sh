#!/bin/bash
# The distribution's topic tool: creates, lists, describes and changes topics.
KAFKA_HEAP_OPTS=${KAFKA_TOOLS_HEAP_OPTS:--Xmx128m} KAFKA_LOG4J_OPTS=-Dlog4j.configuration=file:/opt/kafka/config/tools-log4j.properties \
  exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.TopicCommand "$@"
