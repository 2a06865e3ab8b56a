// The artifacts of the Cask plugin's class realm in a user's build (groupId:artifactId, as Maven logs them with -X)
// must be exactly expected-classpath.txt: every one of them is downloaded into, and loadable in, every user's build.
def log = new File(basedir, 'build.log').getText('UTF-8')
def realm = log.readLines()
    .dropWhile { !it.contains('Populating class realm plugin>dev.cask:cask-maven-plugin') }
    .drop(1)
    .takeWhile { it.contains('Included: ') }
    .collect { it.substring(it.indexOf('Included: ') + 10).trim().split(':') }
assert !realm.isEmpty() : 'no class realm of the Cask plugin in build.log (was the build run with -X?)'
def actual = realm.collect { "${it[0]}:${it[1]}".toString() } as TreeSet
def expected = new File(basedir, 'expected-classpath.txt').readLines()
    .collect { it.trim() }.findAll { it && !it.startsWith('#') } as TreeSet
def added = actual - expected
def removed = expected - actual
new File(basedir, 'actual-classpath.txt').text = realm.collect { it.join(':') }.sort().join('\n') + '\n'
assert added.isEmpty() && removed.isEmpty() : """The Cask plugin's classpath in a user's build changed.
  new on it:   ${added}
  gone from it: ${removed}
Every artifact on it is downloaded into every user's build and can be loaded there. If a goal really uses a new one,
add it to cask-it/src/it/plugin-classpath/expected-classpath.txt and say in the commit which goal needs it and why;
otherwise exclude it in cask-maven-plugin/pom.xml (see the comment there). Versions: target/it/plugin-classpath/actual-classpath.txt"""
println "Cask plugin class realm: ${actual.size()} artifacts, as expected"
return true
