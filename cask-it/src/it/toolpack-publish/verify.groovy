// 1. install published the toolpack zip (classifier toolpack) next to the pom in the IT local repository, byte for
//    byte the zip the build wrote.
def log = new File(basedir, 'build.log').getText('UTF-8')
def published = new File(localRepositoryPath, 'dev/cask/it/published-tools/1.0.0')
def zip = new File(published, 'published-tools-1.0.0-toolpack.zip')
assert new File(published, 'published-tools-1.0.0.pom').isFile()
assert zip.isFile() : 'install did not publish the toolpack zip: ' + published.list()
assert zip.bytes == new File(basedir, 'target/published-tools-1.0.0-toolpack.zip').bytes
def entries = new java.util.zip.ZipFile(zip).withCloseable { z -> z.entries().collect { it.name }.sort() }
assert entries.containsAll(['capture.json', 'policy.yaml', 'tools.json', 'toolpack.yaml', 'toolsets.yaml'])

// 2. the next version diffed against that published zip, resolved by coordinates.
def consumer = new File(basedir, 'consumer')
assert log.contains('Cask baseline: dev.cask.it:published-tools:zip:toolpack:1.0.0')
def json = new groovy.json.JsonSlurper().parse(new File(consumer, 'target/cask/diff.json'))
assert json.toolpack == 'published-tools'
assert json.baseline == 'dev.cask.it:published-tools:zip:toolpack:1.0.0'
assert json.current == 'target/cask'
assert json.threshold == 'critical' && json.verdict.failed == false
assert json.summary.tools.changed == 1 && json.summary.tools.added == 0 && json.summary.tools.removed == 0
def listBooks = json.tools.find { it.name == 'list_books' }
assert listBooks.status == 'changed'
def description = listBooks.changes.find { it.rule == 'description-changed' }
assert description != null && description.severity == 'high' && description.accepted == null
assert description.before.contains('Returns books in the catalogue') && description.after.contains('Returns every book in the catalogue')
assert description.words.any { it.kind != 'equal' && it.text.contains('every') }
def md = new File(consumer, 'target/cask/diff.md').getText('UTF-8')
assert md.contains('dev.cask.it:published-tools:zip:toolpack:1.0.0')

// 3. with the attach switch off the zip is still written under target/, but install publishes the pom alone.
def unattached = new File(localRepositoryPath, 'dev/cask/it/unattached-tools/1.0.0')
assert new File(unattached, 'unattached-tools-1.0.0.pom').isFile()
assert new File(basedir, 'unattached/target/unattached-tools-1.0.0-toolpack.zip').isFile()
assert unattached.list().findAll { it.endsWith('.zip') }.isEmpty() : 'attach=false still published: ' + unattached.list()
return true
