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

def planted = new JsonSlurper().parse(new File(basedir, 'planted.json'))
def secrets = planted.findAll { k, v -> !k.startsWith('_') }.collect { k, v -> v.toString() }
def texts = []
new File(basedir, 'target').eachFileRecurse { if (it.isFile()) texts << [it.path, it.getText('ISO-8859-1')] }
texts << ['build.log', new File(basedir, 'build.log').text]
texts.each { path, text ->
    secrets.each { secret -> assert !text.contains(secret) : "$path holds a planted value" }
}
assert !new File(basedir, 'build.log').text.contains('[ERROR]')
return true
