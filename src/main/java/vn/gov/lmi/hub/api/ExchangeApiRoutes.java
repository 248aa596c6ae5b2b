package vn.gov.lmi.hub.api;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.audit.MessageLogEntry;
import vn.gov.lmi.hub.ingest.IngestService;

/**
 * The REST exchange API, declared with Camel's REST DSL on platform-http. The OpenAPI 3 document at
 * {@code /api/v1/openapi.json} is generated from these declarations, so it cannot drift from the routes.
 */
@Component
public class ExchangeApiRoutes extends RouteBuilder {

    private static final MessageLogEntry.Direction IN = MessageLogEntry.Direction.IN;
    private static final MessageLogEntry.Direction OUT = MessageLogEntry.Direction.OUT;

    private final ExchangeApi api;
    private final ProblemResponder problems;
    private final ApiAudit audit;

    public ExchangeApiRoutes(ExchangeApi api, ProblemResponder problems, ApiAudit audit) {
        this.api = api;
        this.problems = problems;
        this.audit = audit;
    }

    @Override
    public void configure() {
        restConfiguration()
                .component("platform-http")
                .contextPath("/api/v1")
                .apiContextPath("/openapi.json")
                .apiProperty("api.title", "LMI Exchange Hub API")
                .apiProperty("api.version", "1")
                .apiProperty("api.description", "Receive, validate, store and serve labor-market datasets "
                        + "(Circular 01/2022/TT-BLDTBXH). Errors are application/problem+json (RFC 9457).")
                .bindingMode(RestBindingMode.off);

        onException(Exception.class).handled(true).process(problems::handle);

        rest("/datasets").description("Labor-market datasets")
                .get().id("list-datasets").description("List the dataset catalog: id, version, title, legal basis")
                    .produces("application/json")
                    .to("direct:list-datasets")
                .get("/{id}/schema").id("get-dataset-schema").description("The dataset's JSON Schema (2020-12)")
                    .produces("application/schema+json")
                    .param().name("id").type(RestParamType.path).description("Dataset id").endParam()
                    .to("direct:get-dataset-schema")
                .post("/{id}/records").id("submit-records")
                    .description("Submit one record (object) or a batch (array); all-or-nothing; 202 with a receipt")
                    .consumes("application/json").produces("application/json")
                    .param().name("id").type(RestParamType.path).description("Dataset id").endParam()
                    .param().name("Idempotency-Key").type(RestParamType.header).required(true)
                        .description("The sender's unique key for this request; a repeat returns the first receipt").endParam()
                    .param().name("body").type(RestParamType.body).description("A record or an array of records").endParam()
                    .responseMessage().code(202).message("Accepted: receipt {messageId, accepted, records, sha256}").endResponseMessage()
                    .responseMessage().code(400).message("Malformed JSON or schema violations (errors[] with JSON Pointers)").endResponseMessage()
                    .responseMessage().code(409).message("Idempotency-Key reused for a different request").endResponseMessage()
                    .responseMessage().code(413).message("Body or batch too large").endResponseMessage()
                    .responseMessage().code(415).message("Content-Type is not application/json").endResponseMessage()
                    .to("direct:submit-records")
                .get("/{id}/records").id("pull-records")
                    .description("Incremental pull: versions after the cursor, in change order")
                    .produces("application/json")
                    .param().name("id").type(RestParamType.path).description("Dataset id").endParam()
                    .param().name("after").type(RestParamType.query).required(false)
                        .description("nextCursor of the previous page; 0 or absent for the start").endParam()
                    .param().name("limit").type(RestParamType.query).required(false).description("Page size").endParam()
                    .param().name("province").type(RestParamType.query).required(false).description("2-digit province code").endParam()
                    .param().name("period").type(RestParamType.query).required(false).description("Period prefix, e.g. 2025 or 2025-06").endParam()
                    .param().name("updated-since").type(RestParamType.query).required(false)
                        .description("Only versions recorded at or after this RFC 3339 date-time").endParam()
                    .to("direct:pull-records")
                .get("/{id}/records/{key}").id("get-record").description("The latest version of one record")
                    .produces("application/json")
                    .param().name("id").type(RestParamType.path).description("Dataset id").endParam()
                    .param().name("key").type(RestParamType.path).description("Record key").endParam()
                    .to("direct:get-record")
                .get("/{id}/records/{key}/versions").id("get-record-versions").description("Every version of one record")
                    .produces("application/json")
                    .param().name("id").type(RestParamType.path).description("Dataset id").endParam()
                    .param().name("key").type(RestParamType.path).description("Record key").endParam()
                    .to("direct:get-record-versions");

        from("direct:list-datasets").routeId("api-list-datasets").process(audit.audited("list-datasets", OUT, api::listDatasets));
        from("direct:get-dataset-schema").routeId("api-get-dataset-schema").process(audit.audited("get-schema", OUT, api::getSchema));
        from("direct:submit-records").routeId("api-submit-records").process(audit.audited(IngestService.OPERATION, IN, api::submit));
        from("direct:pull-records").routeId("api-pull-records").process(audit.audited("pull", OUT, api::page));
        from("direct:get-record").routeId("api-get-record").process(audit.audited("get-record", OUT, api::latest));
        from("direct:get-record-versions").routeId("api-get-record-versions").process(audit.audited("get-versions", OUT, api::versions));
    }
}
