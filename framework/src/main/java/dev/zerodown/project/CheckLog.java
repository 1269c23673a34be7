package dev.zerodown.project;

import org.apiguardian.api.API;

/**
 * Where a project check writes its lines: Maven's log in the plugin, standard error in the CLI. Each
 * line is complete; the shell decides how it is prefixed.
 */
@API(status = API.Status.INTERNAL)
public interface CheckLog {
    void info(String line);

    void warn(String line);
}
