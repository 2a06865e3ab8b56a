// A signer (test key in cask-it/target/moved-keys, passphrase from the environment), the orders spec, a first compile
// into the moved output directory, and signed approvals of its tools and policy.
def spec = new File(basedir, 'src/main/cask/orders.yaml')
spec.parentFile.mkdirs()
spec.bytes = new File(itSource, 'diff-passes-at-critical/src/main/cask/orders.yaml').bytes
def keys = new File(basedir, '../../moved-keys').canonicalFile
keys.deleteDir()
def keyDir = "-Dcask.keyDirectory=${keys}".toString()
def mvn = evaluate(new File(itSupport, 'mvn.groovy'))
def keygen = mvn(basedir, localRepositoryPath, ['cask:keygen', '-Dcask.bootstrapSigners=true', '-Dcask.signer=ci', keyDir])
assert keygen.code == 0 : keygen.out
def compiled = mvn(basedir, localRepositoryPath, ['process-resources'])
assert compiled.code == 0 : compiled.out
assert new File(basedir, 'target/toolpacks/orders/toolpack.yaml').isFile()
assert !new File(basedir, 'target/cask').exists()
def allowed = mvn(basedir, localRepositoryPath, ['cask:gate-allow', '-Dcask.all', keyDir])
assert allowed.code == 0 : allowed.out
assert allowed.out.contains('Approved 4 tool(s) as ci') : allowed.out
return true
