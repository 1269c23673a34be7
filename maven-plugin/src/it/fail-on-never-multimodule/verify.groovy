import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
// modules without migrations are skipped, the one with migrations is checked
assert log.contains('nothing to check in shop')
assert log.contains('nothing to check in web')
assert log.contains('is unsafe on PostgreSQL 17')
assert log.contains('the build succeeds because failOn=never')
assert !new File(basedir, 'web/target/zerodown').exists()

def reports = []
new File(basedir, 'service/target/zerodown').eachFileRecurse { if (it.name == 'report.json') reports << it }
assert reports.size() == 1
def report = new JsonSlurper().parse(reports[0])
assert report.verdict == 'unsafe'
assert report.transitions.find { it.step == 'V2__index_name.sql' }.hazards*.id.contains('non-concurrent-index')
return true
