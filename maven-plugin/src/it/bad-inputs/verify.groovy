def lines = new File(basedir, 'build.log').readLines()
// Maven's summary of each failed invocation: "[ERROR] Failed to execute goal … on project bad-inputs: <message>",
// the message's further lines, up to the one that ends with " -> [Help 1]"
def blocks = []
lines.eachWithIndex { line, i ->
    if (line.startsWith('[ERROR] Failed to execute goal dev.zerodown:zerodown-maven-plugin')) {
        def block = [line.substring(line.indexOf('on project bad-inputs: ') + 'on project bad-inputs: '.length())]
        for (int j = i + 1; !block.last().endsWith('-> [Help 1]') && j < lines.size(); j++) {
            block << lines[j].replaceFirst(/^\[ERROR\] ?/, '')
        }
        block[-1] = block.last() - ~/ ?-> \[Help 1\]$/
        blocks << block.findAll { !it.isEmpty() }
    }
}
assert blocks.size() == 10 : "ten failed invocations expected, found ${blocks}"

def expect = { int n, boolean oneLine, List<String> parts ->
    def text = blocks[n - 1].join('\n')
    parts.each { assert text.contains(it) : "invocation ${n}: '${it}' missing from: ${text}" }
    if (oneLine) {
        assert blocks[n - 1].size() == 1 : "invocation ${n}: a one-line message expected, got: ${text}"
    }
}
// bad configuration: a one-line execution error naming the input and what is accepted
expect(1, true, ['db/missing', 'no such folder'])
expect(3, true, ['bad-rollout.txt:3', "unknown event 'migrat'", 'accepted:'])
expect(4, true, ['`no-such-hazard` is not a hazard id', 'write one of', 'failed-requests'])
expect(5, true, ['old.sql:2', "unknown generator '{{nope 1 10}}'", 'accepted generators:'])
// a workloads folder set on purpose must exist; every workload file in it must be named after a version
expect(9, true, ["Setting 'workloads' (zerodown.workloads) names ", 'cases/no-such-workloads, which is not a folder'])
expect(10, true, ['Workload file nwe.sql in ', 'cases/misnamed-workload (setting `workloads`) is named after no version'
        + ' of the rollout (versions: old, new); rename it to new.sql, or move it out of the folder'])
// every problem of one run together: a count, then one line each
expect(6, false, ['2 configuration problems:',
        "- Unknown property 'zerodown.soakk' (value '2s'); did you mean zerodown.soak?",
        "- setting `rate` (property zerodown.rate): `fast` is not a number of at least 0; write requests per second, such as 200 (0 = closed loop)"])
expect(7, true, ["Setting 'since' (zerodown.since) names the repeatable script R__note_titles.sql",
        'name a versioned step: V1__create_notes, V2__add_title'])
// a seed that does not fit the baseline: a configuration error naming file:line of the failing statement
expect(8, true, ['cases/bad-seed.sql:3 failed (SQLState 42P01): ERROR: relation "tags" does not exist',
        'fix the seed so it runs on the baseline schema'])
// a statement PostgreSQL rejects is a finding (the release would be stuck there), with file:line
expect(2, false, ['is unsafe', 'migration-failed at V2__broken.sql:3', 'alter tabel notes', '42601'])
// configuration errors come before any database is started: only invocations 2 and 8 (the seed runs on it)
// started one
assert lines.count { it.contains('Started PostgreSQL') } == 2
return true
