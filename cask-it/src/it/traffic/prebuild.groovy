// Before the build: a signing key (cask-it/target/traffic-keys, outside the sample), the signers file, and every tool
// approved, so that the build's gate passes and cask:verify runs its contracts on the recorded traffic.
def keys = new File(basedir, '../../traffic-keys').canonicalFile
keys.deleteDir()
def keyDir = "-Dcask.keyDirectory=${keys}".toString()
def mvn = evaluate(new File(itSupport, 'mvn.groovy'))
def step = { List<String> args ->
    def run = mvn(basedir, localRepositoryPath, args)
    assert run.code == 0 : run.out
}
step(['-q', 'cask:keygen', '-Dcask.bootstrapSigners=true', '-Dcask.signer=ci', '-Dcask.signerName=CI', keyDir])
step(['-q', 'generate-resources'])
step(['-q', 'cask:gate-allow', '-Dcask.all', '-Dcask.reason=traffic sample reviewed', keyDir])
step(['-q', 'cask:gate-allow', '-Dcask.tools=create_feedback,create_login,create_users_orders',
    '-Dcask.reason=sensitive tools reviewed', keyDir])
return true
