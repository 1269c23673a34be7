import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('No rollout file at src/test/zerodown/rollout.txt: baseline V1, start old, migrate V2, deploy new')
assert log.contains('BUILD FAILURE')
// the failure names the transition, the statement, the hazard and what was measured
assert log.contains('V2__rename_user_name under [old]')
assert log.contains('alter table users rename column user_name to full_name')
assert log.contains('failed-requests')
assert log.contains('42703')
assert log.contains('safe recipe')
// a configuration or environment problem would be an execution error, not this failure
assert !log.contains('environment:')
// GitHub Actions annotations on the migration file
assert log =~ /::error file=src\/main\/resources\/db\/migration\/V2__rename_user_name\.sql,line=1,title=[a-z-]+::/

def reports = []
new File(basedir, 'target/zerodown').eachFileRecurse { if (it.name == 'report.json') reports << it }
def report = new JsonSlurper().parse(reports[0])
assert report.verdict == 'unsafe'
def rename = report.transitions.find { it.step == 'V2__rename_user_name.sql' }
assert rename.verdict == 'unsafe'
assert rename.hazards*.id.contains('failed-requests')
assert rename.requests.old.failuresBySqlState['42703'] > 0
return true
