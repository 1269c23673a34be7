package dev.zerodown.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The project's test classpath ({@code target/test-classes}, {@code target/classes}, test-scope jars)
 * for {@code classpath:} migration locations. Its parent is the platform class loader, so neither the
 * plugin's own dependencies leak into the project's view nor the project's into the engine: the
 * engine's classes always come from the plugin.
 */
@API(status = API.Status.INTERNAL)
public final class ProjectClassLoader extends URLClassLoader {

    private ProjectClassLoader(URL[] urls) {
        super("zerodown-project-test-classpath", urls, ClassLoader.getPlatformClassLoader());
    }

    public static ProjectClassLoader of(List<String> classpathElements) {
        List<URL> urls = new ArrayList<>();
        for (String element : classpathElements) {
            try {
                urls.add(Path.of(element).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("Classpath element " + element + " is not a path", e);
            }
        }
        return new ProjectClassLoader(urls.toArray(URL[]::new));
    }

    @Override
    public void close() {
        try {
            super.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
