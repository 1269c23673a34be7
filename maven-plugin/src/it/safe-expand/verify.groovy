import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def reports = []
new File(basedir, 'target/zerodown').eachFileRecurse { if (it.name == 'report.json') reports << it }
assert reports.size() == 1 : "one report.json expected, found ${reports}"
def report = new JsonSlurper().parse(reports[0])

assert report.schemaVersion == 1
assert report.verdict == 'safe'
assert report.transitions*.name == ['V2__add_display_name under [v1]', 'deploy v2 under [v1, v2]',
                                    'V3__index_display_name under [v2]']
report.transitions.each { t ->
    assert t.verdict == 'safe'
    t.requests.each { version, r ->
        assert r.total > 0 : "${version} made no request during ${t.name}"
        assert r.failed == 0
        assert !r.synthetic
    }
}
assert report.transitions[2].invariants*.name.contains('display-names-are-trimmed')

assert log.contains('Rollout src/test/zerodown/rollout.txt: baseline V1, start v1, migrate V2, deploy v2, retire v1, migrate V3')
assert log.contains('Report: ')
assert log.contains('is safe on PostgreSQL 17')
assert log.contains('BUILD SUCCESS')
return true
