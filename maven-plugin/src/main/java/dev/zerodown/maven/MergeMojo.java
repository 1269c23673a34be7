package dev.zerodown.maven;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.project.ShardMerge;
import dev.zerodown.settings.FailOn;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apiguardian.api.API;

/**
 * Merges the report directories of a sharded {@code zerodown:check} ({@code -Dzerodown.shard=i/n} on n CI runners)
 * into one: every run's reports, one {@code index.html}, one Surefire XML set, one {@code summary.md}, and one
 * verdict. Only a complete set is merged: a missing or duplicate shard, shards of different n, or shards that ran
 * other inputs fail the goal with an execution error naming each problem, never a pass. An unsafe merged run fails
 * the build as {@code zerodown:check} would.
 */
@API(status = API.Status.INTERNAL)
@Mojo(name = "merge", requiresProject = false, threadSafe = true)
public class MergeMojo extends AbstractMojo {

    /**
     * The shards' report directories, comma-separated: each a folder that holds one or more of them (searched for
     * {@code shard.json}), or a glob such as {@code shards/zerodown-shard-*}; relative to the project. Default: none
     * (required).
     */
    @Parameter(property = "zerodown.shardReports")
    private String shardReports;

    /** Where the merged reports go. Default: {@code ${project.build.directory}/zerodown}. */
    @Parameter(property = "zerodown.reportDirectory", defaultValue = "${project.build.directory}/zerodown")
    private String reportDirectory;

    /**
     * What fails the build: {@code error}, {@code warning} or {@code never}, as for {@code zerodown:check}, whatever
     * the shards ran with (they often run with {@code never} to leave the verdict to the merge). Default: {@code error}.
     */
    @Parameter(property = "zerodown.failOn")
    private String failOn;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path base = project != null && project.getBasedir() != null ? project.getBasedir().toPath() : Path.of("");
        Optional<String> failure;
        try {
            List<Path> folders = ShardMerge.folders(shardReports == null ? List.of()
                    : Arrays.asList(shardReports.split(",")), base);
            Path out = base.resolve(reportDirectory == null ? "target/zerodown" : reportDirectory);
            failure = new ShardMerge(MavenLog.of(getLog())).merge(folders, out,
                    failOn == null || failOn.isBlank() ? null : FailOn.parse(failOn));
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
