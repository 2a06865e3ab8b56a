// The build failed as it should: one clear error naming file, place and fix; no stack trace; nothing written.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal dev.cask:cask-maven-plugin') }
assert error != null : 'no Cask goal failure in the log'
assert error.contains('src/main/cask/orders.yaml') : error
assert error.contains('#/components/schemas/Ordr') : error
assert error.contains('Fix:') : error
assert !log.contains('\tat dev.cask') && !log.contains('Caused by:') : 'a stack trace reached the user'
assert !new File(basedir, 'target/cask/tools.json').exists() : 'a partial toolpack was written'
return true
