import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('No workload file in src/test/zerodown for [old, new]: synthetic traffic')
assert log.contains('BUILD FAILURE')
assert log.contains('create index orders_reference_idx on orders (reference)')
assert log.contains('non-concurrent-index')
assert log.contains('blocked-requests')

def reports = []
new File(basedir, 'target/zerodown').eachFileRecurse { if (it.name == 'report.json') reports << it }
def report = new JsonSlurper().parse(reports[0])
assert report.verdict == 'unsafe'
def index = report.transitions.find { it.step == 'V2__index_reference.sql' }
assert index.hazards*.id.containsAll(['non-concurrent-index', 'blocked-requests'])
assert index.requests.old.synthetic
return true
