package io.oasis.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.oasis.connector.ConnectorFiles;
import io.oasis.testsupport.connector.ConnectorKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/**
 * The files are standard Kamelets: Camel's own loading (the Kamelet component reading them from a
 * folder, as Camel JBang's {@code camel run} and Kaoto do), with no Oasis code involved.
 */
class CamelKameletLoadingTest {

    @Test
    void camelsRoutesLoaderReadsEveryShippedFileAsARouteTemplate() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(ConnectorKit.connectorsFolder())) {
            files = list.filter(path -> path.toString().endsWith(".kamelet.yaml")).sorted().toList();
        }
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            for (Path file : files) {
                PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel, "file:" + file));
            }
            assertThat(camel.getRouteTemplateDefinitions()).extracting(template -> template.getId())
                    .containsExactlyInAnyOrderElementsOf(files.stream()
                            .map(file -> ConnectorFiles.connectorName(file.getFileName().toString())).toList());
        }
    }

    @Test
    void camelsKameletComponentRunsAConnectorFromTheFolder() throws Exception {
        WireMockServer warehouse = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        warehouse.start();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            warehouse.stubFor(post("/reservations").willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/json").withBody("{\"reservationId\":\"res-1\"}")));
            Properties configuration = new Properties();
            configuration.setProperty("camel.kamelet.reserve-inventory.baseUrl", warehouse.baseUrl());
            camel.getPropertiesComponent().setInitialProperties(configuration);
            camel.getComponent("kamelet", KameletComponent.class).setLocation("file:" + ConnectorKit.connectorsFolder());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:reserve").routeId("reserve").to("kamelet:reserve-inventory");
                }
            });
            camel.start();

            Exchange done = camel.createProducerTemplate().send("direct:reserve", exchange -> {
                exchange.setVariable("orderId", "o-1");
                exchange.setVariable("items", "[{\"sku\":\"DESK-1\",\"quantity\":1}]");
            });

            assertThat(done.getException()).isNull();
            assertThat(done.getVariable("reservationId")).isEqualTo("res-1");
            warehouse.verify(postRequestedFor(urlEqualTo("/reservations")));
        } finally {
            warehouse.stop();
        }
    }
}
