package io.campaignengine.metasandbox.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignengine.metasandbox.service.GraphException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/** Whatever escapes the Graph routing still answers in Meta's envelope (never a stack trace). */
@Provider
public class GraphErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(GraphErrorMapper.class);
    private final ObjectMapper mapper;

    public GraphErrorMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Response toResponse(Throwable t) {
        if (t instanceof GraphException g) return GraphResource.error(mapper, g, "v21.0");
        if (t instanceof NotAllowedException) {
            return GraphResource.error(mapper, new GraphException(400, GraphException.OAUTH, 100, null, "(#100) Unsupported method"), "v21.0");
        }
        if (t instanceof NotFoundException) {
            return GraphResource.error(mapper, new GraphException(404, GraphException.OAUTH, 803, null, "(#803) Some of the aliases you requested do not exist"), "v21.0");
        }
        if (t instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
            return GraphResource.error(mapper, new GraphException(w.getResponse().getStatus(), GraphException.OAUTH, 100, null,
                    "(#100) " + w.getMessage()), "v21.0");
        }
        LOG.error("unexpected error", t);
        return GraphResource.error(mapper, new GraphException(500, GraphException.OAUTH, 1, null, "An unknown error occurred"), "v21.0");
    }
}
