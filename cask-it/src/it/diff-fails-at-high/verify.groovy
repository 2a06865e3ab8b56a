// The build failed (invoker.buildResult=failure); check why, and that every report was written first.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Cask diff of orders-tools compared with target/cask-base: 3 unapproved changes at or above high: the build fails')
assert log.contains('-Dcask.failOn=high: 3 unapproved changes at or above high')
assert log.contains('high list_orders: Description changed')
assert log.contains('high list_orders: Required input added: storeId')
assert log.contains('high add_order_note: Tool added')
// a user-facing failure (MojoFailureException from a CaskException), not a crash: no stack trace reaches the user
assert !log.contains('\tat dev.cask') && !log.contains('Caused by:')
assert log.contains('Fix: review target/cask/diff.md; approve the intended changes with cask:gate-allow')

def dir = new File(basedir, 'target/cask')
def md = new File(dir, 'diff.md').getText('UTF-8')
assert md.startsWith('<!-- cask:diff -->\n## ❌ Cask diff: 3 unapproved changes at or above high')
assert md.contains('[-the-]{+all+}')
assert md.contains('| 🟠 high | `input-added-required` | `storeId` |')

def junit = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File(dir, 'diff-junit.xml'))
def suite = junit.getElementsByTagName('testsuite').item(0)
def cases = suite.getElementsByTagName('testcase')
def failuresOf = { name -> (0..<cases.length).collect { cases.item(it) }.find { it.getAttribute('name') == name }.getElementsByTagName('failure').length }
assert cases.length == 5 // four tools and the toolpack
assert suite.getAttribute('failures') == '2'
assert failuresOf('list_orders') == 1
assert failuresOf('get_order') == 0

def sarif = new groovy.json.JsonSlurper().parse(new File(dir, 'diff.sarif'))
assert sarif.version == '2.1.0'
def results = sarif.runs[0].results
// the three high changes, and the added write tool entering the two compiled toolsets that take writes (medium)
assert results.size() == 5
assert results.findAll { it.ruleId == 'toolset-tool-added' }*.message*.text.collect { (it =~ /enters toolset ([a-z-]+)/)[0][1] } as Set == ['all-approved', 'write'] as Set
assert results.findAll { it.level == 'error' }.size() == 3
def required = results.find { it.ruleId == 'input-added-required' }
assert required.level == 'error'
assert required.locations[0].physicalLocation.artifactLocation.uri == 'src/main/cask/orders.yaml'
// the operation's line in the spec, found by its JSON pointer /paths/~1orders/get
def specLines = new File(basedir, 'src/main/cask/orders.yaml').readLines()
def line = required.locations[0].physicalLocation.region.startLine
assert specLines[line - 1].trim() == 'get:'

def json = new groovy.json.JsonSlurper().parse(new File(dir, 'diff.json'))
assert json.format == 'cask-diff' && json.verdict.failed == true && json.verdict.failing == 3
return true
