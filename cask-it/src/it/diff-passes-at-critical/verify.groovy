def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Cask diff of orders-tools compared with target/cask-base: no unapproved change at or above critical')
assert log.contains('BUILD SUCCESS')

def dir = new File(basedir, 'target/cask')
def md = new File(dir, 'diff.md').getText('UTF-8')
assert md.startsWith('<!-- cask:diff -->\n## ✅ Cask diff: no unapproved change at or above critical')
assert md.contains('`input-added-required`')
def json = new groovy.json.JsonSlurper().parse(new File(dir, 'diff.json'))
assert json.threshold == 'critical' && json.verdict.failed == false
assert json.summary.unapproved.high == 3
def junit = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File(dir, 'diff-junit.xml'))
def suite = junit.getElementsByTagName('testsuite').item(0)
def cases = suite.getElementsByTagName('testcase')
def failuresOf = { name -> (0..<cases.length).collect { cases.item(it) }.find { it.getAttribute('name') == name }.getElementsByTagName('failure').length }
assert suite.getAttribute('failures') == '0'

// mvn site rendered the same diff as a site report.
def report = new File(basedir, 'target/site/cask-diff.html')
assert report.isFile() : 'mvn site did not render the Cask diff report'
def html = report.getText('UTF-8')
assert html.contains('Cask diff: orders-tools')
assert html.contains('description-changed') && html.contains('input-added-required') && html.contains('tool-added')
assert html.contains('Returns [-the-]{+all+} orders')
return true
