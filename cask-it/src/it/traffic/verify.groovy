// A real build compiled a browser HAR and OTLP traces of the same app: one set of tools, evidence from both files,
// and none of the planted secrets or personal data anywhere under target/ or in the build log.
import groovy.json.JsonSlurper

def cask = new File(basedir, 'target/cask')
def tools = new JsonSlurper().parse(new File(cask, 'tools.json'))
def byName = tools.tools.collectEntries { [(it.definition.name): it] }
assert byName.keySet() == ['create_feedback', 'create_login', 'create_users_orders', 'delete_users_orders', 'get_products',
                           'get_users', 'get_users_orders', 'list_me', 'list_users'] as Set

def getUser = byName['get_users']
assert getUser.definition.baseUrl == 'http://127.0.0.1:18080/api/v1'
assert getUser.definition.path == '/users/{userId}'
assert getUser.definition.inputSchema.properties.userId.type == 'integer'
assert getUser.evidence.observedCount == 8 : 'four calls in the HAR and four in the traces'
assert getUser.evidence.samples*.source as Set == ['src/main/cask/shop.har', 'src/main/cask/traces.otlp.jsonl'] as Set
assert byName['create_users_orders'].definition.risk.tier in ['write', 'sensitive']

def capture = new JsonSlurper().parse(new File(cask, 'capture.json'))
assert capture.sources*.kind == ['har', 'otel']
assert capture.redactions*.rule.contains('ticket-id') : 'the configured pattern ran'

// cask:verify ran the contracts on the recorded calls (kept, redacted, in capture.json) and wrote the evidence bundle.
def log = new File(basedir, 'build.log').text
assert log.contains('Cask verify of shop-traffic-tools 1.0.0 (upstream: replay): passed') : log
def report = new JsonSlurper().parse(new File(cask, 'verify.json'))
assert report.passed == true
assert report.summary.replay.failed == 0 && report.summary.replay.passed == 9 : report.summary
assert report.summary.outcome.failed == 0 && report.summary.outcome.passed >= 5 : report.summary
assert report.summary.provenance == [passed: 10, failed: 0, no_evidence: 0, skipped: 0]
assert capture.operations.every { op -> op.evidence == null || op.evidence.exchanges.every { it.request.url.startsWith('http://127.0.0.1:18080/') } }
assert new File(cask, 'evidence.zip').isFile()

def planted = new JsonSlurper().parse(new File(basedir, 'planted.json'))
// Values shorter than 6 characters (the CVV '737') occur by chance in hashes, timestamps (cask:verify's audit log) and
// compressed bytes, so they are left out, as SecretsNowhereTest leaves them out.
def secrets = planted.findAll { k, v -> !k.startsWith('_') }.collect { k, v -> v.toString() }.findAll { it.length() >= 6 }
def texts = []
new File(basedir, 'target').eachFileRecurse { if (it.isFile()) texts << [it.path, it.getText('ISO-8859-1')] }
texts << ['build.log', new File(basedir, 'build.log').text]
texts.each { path, text ->
    secrets.each { secret -> assert !text.contains(secret) : "$path holds a planted value" }
}
assert !new File(basedir, 'build.log').text.contains('[ERROR]')
return true
