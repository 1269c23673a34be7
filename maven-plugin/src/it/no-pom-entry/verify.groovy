import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('No rollout file at src/test/zerodown/rollout.txt: baseline V1, start old, migrate V2, deploy new')
assert log.contains('is safe on PostgreSQL 17')
assert log.contains('zerodown:check skipped (skip=true)')
assert log =~ /This plugin has \d+ goals:/
assert log.contains('zerodown:check')
assert !log.contains('BUILD FAILURE')

def reports = []
new File(basedir, 'target/zerodown').eachFileRecurse { if (it.name == 'report.json') reports << it }
def report = new JsonSlurper().parse(reports[0])
assert report.verdict == 'safe'
assert report.transitions.every { t -> t.requests.values().every { it.synthetic && it.total > 0 } }
return true
