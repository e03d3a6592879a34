package io.campaignengine.devstack;

import io.campaignengine.devstack.components.ConnectComponent;
import io.campaignengine.devstack.components.KafkaComponent;
import io.campaignengine.devstack.components.PostgresComponent;
import io.campaignengine.devstack.components.RegistryComponent;
import io.campaignengine.devstack.components.S3ProxyComponent;
import io.campaignengine.devstack.components.ServiceComponent;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry of components, in start order (dependencies still decide what waits for what; independent
 * components start concurrently). `down` stops them in reverse order. See COMPONENTS.md for adding one.
 */
public final class Stack {

    /**
     * Components that live in packages written separately; loaded by name if the class exists, so this file does
     * not have to change when they are added (public class, public no-arg constructor, implements Component).
     */
    static final List<String> OPTIONAL_COMPONENTS = List.of(
            "io.campaignengine.devstack.keycloak.KeycloakComponent");

    private Stack() {
    }

    /** All components known for this context (enabled or not: callers filter with {@link Component#enabled}). */
    public static List<Component> components(StackContext ctx) {
        List<Component> list = new ArrayList<>();
        list.add(new PostgresComponent());
        list.add(new KafkaComponent());
        list.add(new S3ProxyComponent());
        for (String cls : OPTIONAL_COMPONENTS) {
            Component c = loadOptional(cls);
            if (c != null) {
                list.add(c);
            }
        }
        list.add(new RegistryComponent());
        list.add(new ConnectComponent());
        list.addAll(ServiceComponent.discover(ctx));
        return list;
    }

    static Component loadOptional(String className) {
        try {
            Class<?> c = Class.forName(className);
            return (Component) c.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            return null;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot instantiate component " + className + ": " + e, e);
        }
    }
}
