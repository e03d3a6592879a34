package io.campaignengine.kit.problem;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;

/**
 * Turns a Bean Validation property path ({@code create.arg0.budget.amount}) into the path of the offending value
 * in the request as the client sees it: JSON property names ({@code @JsonProperty} honoured) of the body, or the
 * name of a query/path/header/form parameter ({@code budget.amount}, {@code items[2].name}, {@code page}).
 */
final class FieldPaths {

    private static final String BODY = "body";
    private static final List<String> NAMED_PARAM_ANNOTATIONS = List.of(
            "jakarta.ws.rs.QueryParam", "jakarta.ws.rs.PathParam", "jakarta.ws.rs.HeaderParam", "jakarta.ws.rs.FormParam",
            "jakarta.ws.rs.CookieParam", "jakarta.ws.rs.MatrixParam",
            "org.jboss.resteasy.reactive.RestQuery", "org.jboss.resteasy.reactive.RestPath",
            "org.jboss.resteasy.reactive.RestHeader", "org.jboss.resteasy.reactive.RestForm",
            "org.jboss.resteasy.reactive.RestCookie", "org.jboss.resteasy.reactive.RestMatrix");
    private static final List<String> NOT_BODY_ANNOTATIONS = List.of("jakarta.ws.rs.core.Context", "jakarta.ws.rs.BeanParam",
            "org.jboss.resteasy.reactive.server.ServerRequestFilter");

    private final ObjectMapper mapper;

    FieldPaths(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The client-facing path of a violation. {@code method} is the resource method when known (else null: the
     * method/parameter nodes are dropped and the Java property names kept where no type information is found).
     */
    String of(ConstraintViolation<?> violation, Method method) {
        StringBuilder path = new StringBuilder();
        JavaType current = null;
        boolean methodMatches = false;
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            switch (kind) {
                case METHOD, CONSTRUCTOR -> methodMatches = method != null && method.getName().equals(node.getName());
                case PARAMETER -> {
                    int index = node.as(Path.ParameterNode.class).getParameterIndex();
                    if (methodMatches && index < method.getParameterCount()) {
                        Parameter parameter = method.getParameters()[index];
                        String named = parameterName(parameter);
                        if (named != null) {
                            append(path, named);
                        }
                        current = type(method.getGenericParameterTypes()[index]);
                    }
                }
                case RETURN_VALUE -> append(path, "return");
                case CROSS_PARAMETER -> {
                }
                case PROPERTY, BEAN, CONTAINER_ELEMENT -> {
                    if (node.isInIterable()) {
                        Object key = node.getIndex() != null ? node.getIndex() : node.getKey();
                        path.append('[').append(key == null ? "" : key).append(']');
                        current = current != null ? current.getContentType() : null;
                    }
                    if (kind == ElementKind.PROPERTY && node.getName() != null) {
                        String javaName = node.getName();
                        BeanPropertyDefinition property = property(current, javaName);
                        append(path, property != null ? property.getName() : javaName);
                        current = property != null ? property.getPrimaryType() : null;
                    }
                }
            }
        }
        return path.isEmpty() ? BODY : path.toString();
    }

    /** The path of a Jackson mapping error ({@code budget.amount}, {@code items[0].quantity}). */
    static String of(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                append(path, ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? BODY : path.toString();
    }

    private static void append(StringBuilder path, String segment) {
        if (!path.isEmpty()) {
            path.append('.');
        }
        path.append(segment);
    }

    /** Query/path/... parameter name; null for the body (and for what is neither). */
    private static String parameterName(Parameter parameter) {
        for (Annotation a : parameter.getAnnotations()) {
            String type = a.annotationType().getName();
            if (NAMED_PARAM_ANNOTATIONS.contains(type)) {
                try {
                    Object value = a.annotationType().getMethod("value").invoke(a);
                    String name = value == null ? "" : value.toString();
                    return name.isEmpty() ? parameter.getName() : name;
                } catch (ReflectiveOperationException e) {
                    return parameter.getName();
                }
            }
            if (NOT_BODY_ANNOTATIONS.contains(type)) {
                return null;
            }
        }
        return null;
    }

    private JavaType type(java.lang.reflect.Type type) {
        try {
            return mapper.getTypeFactory().constructType(type);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private BeanPropertyDefinition property(JavaType owner, String javaName) {
        if (owner == null || owner.isContainerType() || owner.isPrimitive() || owner.getRawClass().getName().startsWith("java.")) {
            return null;
        }
        try {
            BeanDescription description = mapper.getDeserializationConfig().introspect(owner);
            for (BeanPropertyDefinition p : description.findProperties()) {
                if (javaName.equals(p.getInternalName())) {
                    return p;
                }
            }
        } catch (RuntimeException e) {
            // best effort: fall back to the Java name
        }
        return null;
    }
}
