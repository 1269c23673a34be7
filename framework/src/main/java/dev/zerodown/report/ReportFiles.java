package dev.zerodown.report;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * The files {@link Reports#write} produced for one run on one PostgreSQL major.
 *
 * @param json      {@code report.json}, the stable machine-readable result
 * @param html      {@code report.html}, the self-contained timeline
 * @param markdown  {@code report.md}, a pull-request comment
 * @param junitXml  {@code TEST-zerodown-<run>-pg<major>.xml}, Surefire format
 * @param index     the report directory's {@code index.html}, listing every run found there
 * @param sarif     {@code report.sarif}, the error and warning hazards for code scanning (SARIF 2.1.0)
 */
@API(status = API.Status.STABLE)
public record ReportFiles(Path json, Path html, Path markdown, Path junitXml, Path index, Path sarif) {
}
