package dev.zerodown.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import dev.zerodown.config.EnvironmentException;

/**
 * As root, initdb refuses to run; zonky then starts PostgreSQL through {@code unshare -U}, which
 * needs user namespaces. Where they are blocked, say so in one line before zonky fails obscurely.
 */
final class UserNamespaces {
    private static volatile Boolean ok;

    private UserNamespaces() {
    }

    static void check() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux") || !isRoot()) {
            return;
        }
        if (ok == null) {
            ok = unshareWorks();
        }
        if (!ok) {
            throw new EnvironmentException("Embedded PostgreSQL cannot run as root here: user namespaces are blocked"
                    + " ('unshare -U' failed); run the build as a non-root user, or use provider=testcontainers or provider=external");
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean unshareWorks() {
        try {
            Process p = new ProcessBuilder("unshare", "-U", "id", "-u").redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.exitValue() == 0 && !out.equals("0") && out.matches("\\d+");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
