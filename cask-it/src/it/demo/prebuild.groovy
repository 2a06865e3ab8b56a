// Before the first build: a signing key for the demo's reviewer (encrypted, passphrase from the environment) in
// cask-it/target/demo-keys — outside the project: private keys never enter a repository — and the signers file.
def keys = new File(basedir, '../../demo-keys').canonicalFile
keys.deleteDir()
def mvn = evaluate(new File(itSupport, 'mvn.groovy'))
def run = mvn(basedir, localRepositoryPath, ['-q', 'cask:keygen', '-Dcask.bootstrapSigners=true', '-Dcask.signer=reviewer',
    '-Dcask.signerName=Demo Reviewer', "-Dcask.keyDirectory=${keys}".toString()])
assert run.code == 0 : run.out
return true
