// Every goal found the toolpack in the moved output directory, and nothing was written to target/cask.
def log = new File(basedir, 'build.log').getText('UTF-8')
def moved = new File(basedir, 'target/toolpacks/orders')
assert !new File(basedir, 'target/cask').exists() : 'a goal still used target/cask'
['toolpack.yaml', 'tools.json', 'diff.md', 'diff.json', 'drift.md', 'drift.json'].each {
    assert new File(moved, it).isFile() : "no ${it} in the moved output directory"
}
assert log.contains('Cask gate: 4 approved tool(s) of toolpack moved-tools') : log
assert log.contains('Cask diff of moved-tools') : log
assert log.contains('Cask drift of moved-tools') : log
assert log.contains('BUILD SUCCESS')

// The same goals with the output directory moved again on the command line, as a user would: still consistent.
def mvn = evaluate(new File(itSupport, 'mvn.groovy'))
def again = mvn(basedir, localRepositoryPath, ['verify', '-Dcask.outputDirectory=target/moved-again'])
assert again.code == 0 : again.out
assert new File(basedir, 'target/moved-again/tools.json').isFile()
assert new File(basedir, 'target/moved-again/diff.json').isFile()
assert new File(basedir, 'target/moved-again/drift.json').isFile()
assert again.out.contains('Cask gate: 4 approved tool(s) of toolpack moved-tools') : again.out
assert !new File(basedir, 'target/cask').exists() : 'a goal still used target/cask'
return true
