// Before the first build: the demo's bookshop API (its OpenAPI document; the recorded traffic is not needed here) on a
// free loopback port, a reviewer's key outside the project (cask-it/target/repair-keys) and the signers file.
def keys = new File(basedir, '../../repair-keys').canonicalFile
keys.deleteDir()
def mvn = evaluate(new File(itSupport, 'mvn.groovy'))
def run = mvn(basedir, localRepositoryPath, ['-q', 'cask:keygen', '-Dcask.bootstrapSigners=true', '-Dcask.signer=reviewer',
    '-Dcask.signerName=Repair Reviewer', "-Dcask.keyDirectory=${keys}".toString()])
assert run.code == 0 : run.out

def port = new ServerSocket(0, 0, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
def spec = new File(itSource, 'demo/src/main/cask/bookshop.yaml').getText('UTF-8')
assert spec.contains('http://127.0.0.1:18080/v2')
def target = new File(basedir, 'src/main/cask/bookshop.yaml')
target.parentFile.mkdirs()
target.setText(spec.replace('http://127.0.0.1:18080/v2', "http://127.0.0.1:${port}/v2"), 'UTF-8')
new File(basedir, 'bookshop.port').text = port as String
return true
