// Bootstrap: a test key (passphrase from the environment) in cask-it/target/mint-keys, outside the sample project,
// and cask.signers.yaml with that key as first signer.
def keys = new File(basedir, '../../mint-keys').canonicalFile
keys.deleteDir()
def mvn = evaluate(new File(itSupport, 'mvn.groovy'))
def run = mvn(basedir, localRepositoryPath, ['cask:keygen', '-Dcask.bootstrapSigners=true', '-Dcask.signer=ci',
    '-Dcask.signerName=CI Test Signer', "-Dcask.keyDirectory=${keys}".toString()])
assert run.code == 0 : run.out
return true
