package io.campaignengine.metasandbox.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignengine.metasandbox.service.Graph;
import io.campaignengine.metasandbox.service.GraphException;
import io.campaignengine.metasandbox.service.Params;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * graph.facebook.com: every path, with or without a version prefix ({@code /v21.0/...}); the {@link Graph} routes it.
 * GET, POST (form-encoded, JSON or multipart) and DELETE, the token as {@code access_token} or {@code Authorization: Bearer}.
 */
@Path("/")
public class GraphResource {

    private final Graph graph;
    private final ObjectMapper mapper;

    public GraphResource(Graph graph, ObjectMapper mapper) {
        this.graph = graph;
        this.mapper = mapper;
    }

    @GET
    @Path("{path: .*}")
    @Produces(MediaType.WILDCARD)
    public Response get(@PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers) {
        return call("GET", path, uri, headers, null);
    }

    @POST
    @Path("{path: .*}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    public Response post(@PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return call("POST", path, uri, headers, body);
    }

    @DELETE
    @Path("{path: .*}")
    @Produces(MediaType.WILDCARD)
    public Response delete(@PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers) {
        return call("DELETE", path, uri, headers, null);
    }

    private Response call(String method, String path, UriInfo uri, HttpHeaders headers, byte[] body) {
        String version = path.startsWith("v") && path.contains("/") ? path.substring(0, path.indexOf('/')) : "v21.0";
        if (!Graph.VERSION.matcher(version).matches()) version = "v21.0";
        try {
            Params params = Params.parse(uri.getQueryParameters(), headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body, mapper);
            // DELETE may also carry its parameters in a ?method=delete POST, as Graph allows
            String override = params.get("method");
            if (method.equals("POST") && override != null && override.equalsIgnoreCase("delete")) method = "DELETE";
            Graph.Reply r = graph.handle(method, path, params, headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                    uri.getAbsolutePath().toString());
            Response.ResponseBuilder b;
            if (r.redirect != null) {
                b = Response.status(302).location(URI.create(r.redirect));
            } else if (r.html != null) {
                b = Response.status(r.status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(r.html);
            } else {
                b = Response.status(r.status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(mapper.writeValueAsString(r.body));
            }
            r.headers.forEach(b::header);
            return meta(b, version).build();
        } catch (GraphException e) {
            return error(mapper, e, version);
        } catch (JsonProcessingException e) {
            return error(mapper, new GraphException(500, GraphException.OAUTH, 1, null, "An unknown error occurred"), version);
        }
    }

    static Response.ResponseBuilder meta(Response.ResponseBuilder b, String version) {
        String trace = FbTrace.next();
        return b.header("x-fb-trace-id", trace).header("x-fb-rev", "1019283745").header("facebook-api-version", version)
                .header("Cache-Control", "private, no-cache, no-store, must-revalidate");
    }

    /** Meta's error envelope; error_subcode and the user texts only when they exist. */
    static Response error(ObjectMapper mapper, GraphException e, String version) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("message", e.getMessage());
        err.put("type", e.type);
        err.put("code", e.code);
        if (e.subcode != null) err.put("error_subcode", e.subcode);
        if (e.transientError) err.put("is_transient", true);
        if (e.userTitle != null) err.put("error_user_title", e.userTitle);
        if (e.userMsg != null) err.put("error_user_msg", e.userMsg);
        err.put("fbtrace_id", FbTrace.next());
        String json;
        try {
            json = mapper.writeValueAsString(Map.of("error", err));
        } catch (JsonProcessingException ex) {
            json = "{\"error\":{\"message\":\"An unknown error occurred\",\"type\":\"OAuthException\",\"code\":1}}";
        }
        Response.ResponseBuilder b = Response.status(e.status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(json);
        e.headers.forEach(b::header);
        return meta(b, version).build();
    }
}
