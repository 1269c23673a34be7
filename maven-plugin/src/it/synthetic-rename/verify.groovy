import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('V2__rename_display_name under [old]')
assert log.contains('backward-incompatible')
assert log.contains('42703')
assert !log.contains('environment:')

def reports = []
new File(basedir, 'target/zerodown').eachFileRecurse { if (it.name == 'report.json') reports << it }
def report = new JsonSlurper().parse(reports[0])
assert report.verdict == 'unsafe'
def rename = report.transitions.find { it.step == 'V2__rename_display_name.sql' }
assert rename.verdict == 'unsafe'
assert rename.hazards*.id.contains('backward-incompatible')
def old = rename.requests.old
assert old.failuresBySqlState['42703'] > 0
// the traffic was synthetic, bound to the schema before the rename: it names the old column
assert old.traffic.source == 'synthetic'
assert old.traffic.tables['public.accounts'].columns == ['id', 'display_name', 'created_at']
return true
