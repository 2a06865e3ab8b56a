// Bootstrap: a test key (passphrase from the environment) in cask-it/target/gate-keys, outside the sample project,
// and cask.signers.yaml with that key as first signer.
// The demo's bookshop spec is the sample API (copied, not duplicated in the repository).
def spec = new File(basedir, 'src/main/cask/bookshop.yaml')
spec.parentFile.mkdirs()
spec.bytes = new File(itSource, 'demo/src/main/cask/bookshop.yaml').bytes
def keys = new File(basedir, '../../gate-keys').canonicalFile
keys.deleteDir()
def mvn = evaluate(new File(itSupport, 'mvn.groovy'))
def run = mvn(basedir, localRepositoryPath, ['cask:keygen', '-Dcask.bootstrapSigners=true', '-Dcask.signer=ci',
    '-Dcask.signerName=CI Test Signer', "-Dcask.keyDirectory=${keys}".toString()])
assert run.code == 0 : run.out
assert new File(basedir, 'cask.signers.yaml').isFile()
assert new File(keys, 'ci.pem').text.startsWith('-----BEGIN ENCRYPTED PRIVATE KEY-----')
assert java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(new File(keys, 'ci.pem').toPath())) == 'rw-------'
return true
