package vn.gov.lmi.hub.delivery;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.ingest.JmsSubmissions;
import vn.gov.lmi.hub.routes.ParameterDeclaration;
import vn.gov.lmi.hub.routes.TemplateCatalog;
import vn.gov.lmi.hub.routes.TemplateDeclaration;

/**
 * The bodies of the route templates partner files instantiate (Camel YAML DSL {@code templatedRoute}). What each
 * template is called, what it does and which parameters it takes is declared in {@code route-templates/<id>.yaml}
 * ({@link TemplateCatalog}); the reference {@code routes/TEMPLATES.md} is generated from those declarations.
 */
@Component
public class RouteTemplates extends RouteBuilder {

    /** A subscription's queue on its dataset's address, consumed in a JMS transaction. */
    private static final String SUBSCRIPTION = "jms:queue:{{hub.events.address-prefix}}{{dataset}}::lmi.sub.{{partner}}.{{dataset}}"
            + "?transacted=true&concurrentConsumers={{concurrency}}&maxConcurrentConsumers={{concurrency}}"
            + "&cacheLevelName=CACHE_CONSUMER&lazyCreateTransactionManager=false&disableReplyTo=true";

    /*
     * lazyCreateTransactionManager=false: the listener's own transacted session is the transaction, and the
     * JmsTemplate sends of the deliverer (dead letters) and of the inbox (refusals, answers) join it, so a
     * message is consumed and its dead letter written in one commit. disableReplyTo=true: answers are the
     * inbox's own (signed, and only to allowed destinations), never Camel's automatic reply.
     */

    private final DeliveryEndpoints endpoints;
    private final JmsSubmissions submissions;
    private final TemplateCatalog templates;
    private final vn.gov.lmi.hub.ingest.IngestService ingest;
    private final java.util.Set<String> bodies = new java.util.TreeSet<>();

    public RouteTemplates(DeliveryEndpoints endpoints, JmsSubmissions submissions, TemplateCatalog templates,
                          vn.gov.lmi.hub.ingest.IngestService ingest) {
        this.endpoints = endpoints;
        this.submissions = submissions;
        this.templates = templates;
        this.ingest = ingest;
    }

    @Override
    public void configure() {
        declared("rest-push")
                .templateBean("deliverer", Deliverer.class, endpoints::restPush)
                .from(SUBSCRIPTION)
                .errorHandler(noErrorHandler())
                .to("bean:{{deliverer}}");

        declared("dvcqg-push")
                .templateBean("deliverer", Deliverer.class, endpoints::dvcqgPush)
                .from(SUBSCRIPTION)
                .errorHandler(noErrorHandler())
                .to("bean:{{deliverer}}");

        declared("soap-push")
                .templateBean("deliverer", Deliverer.class, endpoints::soapPush)
                .from(SUBSCRIPTION)
                .errorHandler(noErrorHandler())
                .to("bean:{{deliverer}}");

        declared("jms-push")
                .templateBean("deliverer", Deliverer.class, endpoints::jmsPush)
                .from(SUBSCRIPTION)
                .errorHandler(noErrorHandler())
                .to("bean:{{deliverer}}");

        declared("rest-pull")
                .templateBean("puller", PartnerPull.class, context -> endpoints.pull(context, ingest))
                .from("timer:pull-{{partner}}-{{dataset}}?period={{interval}}&delay=1000")
                .errorHandler(noErrorHandler())
                .to("bean:{{puller}}");

        declared("jms-inbound")
                .from("jms:queue:lmi.in.{{partner}}?transacted=true&concurrentConsumers={{concurrency}}"
                        + "&maxConcurrentConsumers={{concurrency}}&cacheLevelName=CACHE_CONSUMER&lazyCreateTransactionManager=false&disableReplyTo=true")
                .errorHandler(noErrorHandler())
                // the inbox's owner comes from the route, never from the message
                .setHeader(JmsSubmissions.INBOX_PARTNER, constant("{{partner}}"))
                .process(submissions);

        if (!bodies.equals(java.util.Set.copyOf(templates.ids()))) {
            throw new IllegalStateException("route template declarations " + templates.ids()
                    + " and bodies " + bodies + " differ: each declaration needs a body here, and each body a declaration");
        }
    }

    /** The template with the description and parameters of its declaration (a required one has no default). */
    private RouteTemplateDefinition declared(String id) {
        bodies.add(id);
        TemplateDeclaration declaration = templates.get(id);
        RouteTemplateDefinition template = routeTemplate(id).description(declaration.description());
        for (ParameterDeclaration p : declaration.parameters().values()) {
            template.templateParameter(p.name(), p.required() ? null : p.defaultValue() == null ? "" : p.defaultValue(),
                    p.description());
        }
        return template;
    }
}
