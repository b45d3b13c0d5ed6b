package io.shopdr.program;

import com.pulumi.Config;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * {@link StackSettings.Source} over the Pulumi stack config of namespace {@code shopdr}. Whether a key was stored
 * with {@code --secret} is known only to the SDK's internal config (the engine passes the secret key names), so
 * it is read from there; if a future SDK hides it, every key counts as secret rather than failing the deploy.
 */
final class PulumiConfigSource implements StackSettings.Source {
    private final Config config;
    private final Object internal;
    private final Method isConfigSecret;

    PulumiConfigSource(Config config) {
        this.config = config;
        Object cfg = null;
        Method m = null;
        try {
            Field f = Config.class.getDeclaredField("internalConfig");
            f.setAccessible(true);
            cfg = f.get(config);
            m = cfg.getClass().getMethod("isConfigSecret", String.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            cfg = null;
            m = null;
        }
        this.internal = cfg;
        this.isConfigSecret = m;
    }

    @Override
    public Optional<String> get(String key) {
        return config.get(key);
    }

    @Override
    public boolean isSecret(String key) {
        if (internal == null) {
            return true;
        }
        try {
            return (Boolean) isConfigSecret.invoke(internal, config.getName() + ":" + key);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
