package dev.zerodown.maven;

import java.io.File;
import java.io.UncheckedIOException;
import java.util.Optional;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.project.TrendRun;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apiguardian.api.API;

/**
 * Renders the trend page of a history folder ({@code history.jsonl}, appended by every run with
 * {@code history=<dir>}): per transition and statement, lock hold, lock wait, p99 latency and failed requests
 * across runs, with a regression flag on every figure that grew past {@code regressionRatio} × the median of the
 * 7 runs before the latest. One self-contained HTML file. A regression is a warning, or a build failure with
 * {@code failOnRegression}.
 */
@API(status = API.Status.INTERNAL)
@Mojo(name = "trend", requiresProject = false, threadSafe = true)
public class TrendMojo extends AbstractMojo {

    /** The history folder, as given to {@code zerodown:check}'s {@code history}. Default: none (required). */
    @Parameter(property = "zerodown.history")
    private File history;

    /** The page to write. Default: {@code ${project.build.directory}/zerodown/trend.html}. */
    @Parameter(defaultValue = "${project.build.directory}/zerodown/trend.html")
    private File trendPage;

    /** A figure above this many times the median of the previous 7 runs is a regression. Default: {@code 2}. */
    @Parameter(property = "zerodown.regressionRatio", defaultValue = "2")
    private double regressionRatio;

    /** Fail the build when a figure regressed. Default: {@code false} (regressions are logged as warnings). */
    @Parameter(property = "zerodown.failOnRegression", defaultValue = "false")
    private boolean failOnRegression;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        File page = trendPage == null ? new File(TrendRun.DEFAULT_PAGE) : trendPage;
        Optional<String> failure;
        try {
            failure = TrendRun.render(history == null ? null : history.toPath(), page.toPath(), regressionRatio,
                    failOnRegression, MavenLog.of(getLog()));
        } catch (ConfigurationException e) {
            throw new MojoExecutionException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("environment: " + e.getMessage(), e);
        }
        if (failure.isPresent()) {
            throw new MojoFailureException(failure.get());
        }
    }
}
