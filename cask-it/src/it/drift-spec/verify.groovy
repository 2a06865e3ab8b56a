def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Cask drift of orders-drift capture compared with target/cask: 1 unapproved change at or above high: the build fails')
assert log.contains('high GET api.orders.example/v1/orders/{}/export: Shadow endpoint')

def dir = new File(basedir, 'target/cask')
def md = new File(dir, 'drift.md').getText('UTF-8')
assert md.startsWith('<!-- cask:drift -->\n## ❌ Cask drift:')
def json = new groovy.json.JsonSlurper().parse(new File(dir, 'drift.json'))
assert json.format == 'cask-drift' && json.verdict.failed == true
def changes = json.tools.collectMany { it.changes }
assert changes.find { it.rule == 'shadow-endpoint' }.subject == 'GET api.orders.example/v1/orders/{orderId}/export'
assert changes.find { it.rule == 'new-status-code' }.subject == '429'
def total = changes.find { it.rule == 'output-type-changed' }
assert total.pointer.endsWith('/properties/total/type') && total.detail == 'type "number" → "string"'
def sarif = new groovy.json.JsonSlurper().parse(new File(dir, 'drift.sarif'))
assert sarif.runs[0].automationDetails.id == 'cask/drift/orders-drift/'
return true
