// The demo's spec is the published toolpack's source; the consumer gets a copy with one description rewritten,
// so the diff against the published toolpack has something to say. Earlier runs' installs are removed
// so that only this run's install can satisfy the checks.

def spec = new File(itSource, 'demo/src/main/cask/bookshop.yaml').getText('UTF-8')
def write = { String dir, String text ->
    def target = new File(basedir, dir + '/src/main/cask/bookshop.yaml')
    target.parentFile.mkdirs()
    target.setText(text, 'UTF-8')
}
write('.', spec)
write('unattached', spec)
def before = 'description: Returns books in the catalogue, newest first.'
assert spec.contains(before)
def changed = spec.replace(before, 'description: Returns every book in the catalogue, newest first.')
write('consumer', changed)

// invoker filters only the top-level pom: the sub-projects take the plugin version from it.
def version = (new File(basedir, 'pom.xml').getText('UTF-8') =~ /<artifactId>cask-maven-plugin<\/artifactId>\s*<version>([^<]+)<\/version>/)[0][1]
assert !version.contains('@')
['consumer', 'unattached'].each {
    def pom = new File(basedir, it + '/pom.xml')
    pom.setText(pom.getText('UTF-8').replace('@project.version@', version), 'UTF-8')
}

['published-tools', 'unattached-tools'].each {
    new File(localRepositoryPath, 'dev/cask/it/' + it).deleteDir()
}
return true
