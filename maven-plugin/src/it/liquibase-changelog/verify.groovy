def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('changeset alice:test-data is not run: Context does not match \'prod\'')
assert log.contains('alice:rename-display-name under [old]')
assert log.contains('backward-incompatible')
assert log.contains('changes/002-rename.xml:6')
assert !log.contains('alice:test-data under')
assert !log.contains('environment:')
return true
