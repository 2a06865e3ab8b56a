// Before the first build: a signing key for the demo's reviewer (encrypted, passphrase from the environment) in
// cask-it/target/demo-keys — outside the project: private keys never enter a repository — and the signers file.
def keys = new File(basedir, '../../demo-keys').canonicalFile
keys.deleteDir()
def mvn = evaluate(new File(itSupport, 'mvn.groovy'))
def run = mvn(basedir, localRepositoryPath, ['-q', 'cask:keygen', '-Dcask.bootstrapSigners=true', '-Dcask.signer=reviewer',
    '-Dcask.signerName=Demo Reviewer', "-Dcask.keyDirectory=${keys}".toString()])
assert run.code == 0 : run.out

// The bookshop the demo serves listens on a free loopback port, chosen now: it goes into the bookshop's OpenAPI document
// (its server URL becomes the tools' base URL, which the reviewer signs) and into bookshop.port for verify.groovy. The
// demo never depends on one fixed port being free.
def port = new ServerSocket(0, 0, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
def spec = new File(basedir, 'src/main/cask/bookshop.yaml')
assert spec.text.contains('http://127.0.0.1:18080/v2')
spec.text = spec.text.replace('http://127.0.0.1:18080/v2', "http://127.0.0.1:${port}/v2")
// The bookshop's traffic was recorded against port 18080 (record/record.sh): it is addressed to the same free port, so
// spec and traffic keep describing one host.
def traffic = new File(basedir, 'src/main/cask/bookshop-traffic.otlp.jsonl')
assert traffic.text.contains('127.0.0.1:18080')
traffic.text = traffic.text.replace('127.0.0.1:18080', "127.0.0.1:${port}").replace('{"intValue":18080}', "{\"intValue\":${port}}")
assert !traffic.text.contains('18080')
new File(basedir, 'bookshop.port').text = port as String
return true
