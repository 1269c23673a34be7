import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// CRC32("shard-merge") is even: the first key (pg16) is dealt to shard 1 of 2, pg17 to shard 2
assert log.contains('Shard 1/2: shard-merge/pg16 (1 of 2 runs of shard-merge; shard-merge/pg17 on 2/2)')
assert log.contains('Shard 2/2: shard-merge/pg17 (1 of 2 runs of shard-merge; shard-merge/pg16 on 1/2)')
assert log.contains('the build succeeds because failOn=never')
def one = new JsonSlurper().parse(new File(basedir, 'target/shards/1/shard-merge/shard.json'))
assert one.schemaVersion == 1 && one.shard == 1 && one.of == 2
assert one.runs*.key == ['shard-merge/pg16'] && one.runs*.verdict == ['unsafe']
assert one.allRuns == ['shard-merge/pg16', 'shard-merge/pg17']
assert !new File(basedir, 'target/shards/1/shard-merge/pg17').exists()

// invocation 3: a shard missing is an execution error naming it and its runs, and nothing is written
assert log.contains('Shard 2/2 of shard-merge is missing: found 1/2 in ')
assert log.contains('its runs shard-merge/pg17 are not merged, and a set without it is not complete')
assert !new File(basedir, 'target/partial').exists()

// invocation 4: the complete set, merged, fails the build as check would
assert log.contains('Merged 2 runs of 2 shards (shard-merge) into ')
assert log.contains('shard-merge is unsafe on PostgreSQL 16.')
assert log.contains('shard-merge is unsafe on PostgreSQL 17.')
def merged = new File(basedir, 'target/zerodown')
assert new File(merged, 'index.html').text.contains('2 runs \u00B7 2 unsafe')
assert new File(merged, 'summary.md').text.startsWith('## \u274C Zerodown: 2 of 2 runs **unsafe**, merged from 2 shards')
assert new File(merged, 'shard-merge/pg16/TEST-zerodown-shard-merge-pg16.xml').exists()
assert new File(merged, 'shard-merge/pg17/TEST-zerodown-shard-merge-pg17.xml').exists()
assert new JsonSlurper().parse(new File(merged, 'shard-merge/pg17/report.json')).verdict == 'unsafe'
return true
