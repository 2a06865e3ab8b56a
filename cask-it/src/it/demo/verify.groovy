// The Cask demo, after the first build (which compiled 7 tools and was refused by the gate): approve with signatures,
// pass the gate, serve the approved tools with the governed runtime, and watch it enforce the policy on real calls.
import groovy.json.JsonOutput

def mvn = evaluate(new File(itSupport, 'mvn.groovy'))
def mcp = evaluate(new File(itSupport, 'mcp.groovy'))
def keyDir = "-Dcask.keyDirectory=${new File(basedir, '../../demo-keys').canonicalFile}".toString()
def say = { String text -> println('[demo] ' + text) }
def indent = { String text -> text.readLines().collect { '         ' + it }.join('\n') }
def cask = new File(basedir, 'target/cask')
def port = new File(basedir, 'bookshop.port').text.trim() as int // a free port, chosen by prebuild.groovy

// 1-2. The first build compiled the API and the gate refused it.
def first = new File(basedir, 'build.log').text
assert first.contains('Compiled 7 tools (read 2, write 2, destructive 2, sensitive 1)')
assert first.contains('cask:gate-check: 9 problem(s) block this toolpack')
['toolpack.yaml', 'tools.json', 'policy.yaml', 'capture.json'].each { assert new File(cask, it).isFile() }
def tools = new groovy.json.JsonSlurper().parse(new File(cask, 'tools.json')).tools.collectEntries { [(it.definition.name): it.definition] }
assert tools.keySet() == ['add_book', 'cancel_order', 'delete_book', 'get_book', 'list_books', 'place_order', 'set_user_role'] as Set
assert tools.collectEntries { [(it.key): it.value.risk.tier] } == [add_book: 'write', cancel_order: 'destructive',
    delete_book: 'destructive', get_book: 'read', list_books: 'read', place_order: 'write', set_user_role: 'sensitive']
assert tools.get_book.baseUrl == "http://127.0.0.1:${port}/v2".toString() && tools.get_book.path == '/books/{bookId}'
assert tools.get_book.inputSchema.type == 'object' && tools.get_book.inputSchema.additionalProperties == false
assert tools.get_book.inputSchema.required == ['bookId']
assert tools.get_book.annotations.readOnlyHint == true
assert tools.get_book.outputSchema.'$defs'.Book != null : 'the recursive Book schema stays a $defs entry'
assert tools.place_order.inputSchema.properties.body.required == ['bookId', 'quantity']
assert new File(basedir, 'target/bookshop-tools-1.0.0-toolpack.zip').isFile() : 'the toolpack zip is attached'
say 'compiled 7 tools from src/main/cask/bookshop.yaml; the gate refused the build: nothing is approved yet (log above)'

// 3. A reviewer approves: batch approval takes everything pending except the sensitive tool, which must be named.
def batch = mvn(basedir, localRepositoryPath, ['cask:gate-allow', '-Dcask.all', '-Dcask.reason=demo review', keyDir])
assert batch.code == 0 : batch.out
assert batch.out.contains('Not approving sensitive tool set_user_role in batch mode')
def named = mvn(basedir, localRepositoryPath, ['cask:gate-allow', '-Dcask.tools=set_user_role',
    '-Dcask.reason=role changes reviewed with security', keyDir])
assert named.code == 0 : named.out
say 'mvn cask:gate-allow -Dcask.all           → 6 tools and the policy signed (Ed25519); set_user_role (sensitive) refused in batch'
say 'mvn cask:gate-allow -Dcask.tools=set_user_role → signed by name'

// 4. The build passes; the status table.
def green = mvn(basedir, localRepositoryPath, ['verify'])
assert green.code == 0 : green.out
def status = mvn(basedir, localRepositoryPath, ['cask:gate-status'])
assert status.code == 0 : status.out
def table = status.out.readLines().collect { it.replaceFirst(/^\[INFO\] ?/, '') }
def from = table.findIndexOf { it.startsWith('TOOL') }
def to = table.findIndexOf { it.startsWith('signers:') }
assert from >= 0 && to > from : status.out
say 'mvn verify → the gate passes. mvn cask:gate-status:'
println indent(table.subList(from, to + 1).join('\n'))
// The signers version the reviewer's commit carries: what the operator pins at deploy, outside the repository.
def signersDigest = (table[to] =~ /sha256:[0-9a-f]{64}/)[0]

// 5. Serve the approved tools over stdio to an MCP client, with the bookshop running on the port the tools call.
def bookshop = evaluate(new File(itSupport, 'bookshop-upstream.groovy'))
new ServerSocket(0, 0, InetAddress.getByName('127.0.0.1')).withCloseable { taken -> // a taken port is named, not a bare BindException
    try {
        bookshop(taken.localPort).server.stop(0)
        assert false : 'the bookshop started on a port another socket holds'
    } catch (IllegalStateException e) {
        assert e.message.startsWith("the demo's bookshop cannot listen on 127.0.0.1:${taken.localPort} (") : e.message
        assert e.message.contains('run the demo again') : e.message
    }
}
def upstream = bookshop(port)
def audit = new File(basedir, 'target/demo/audit.jsonl')
def runtime = new File(runtimeJar)
assert runtime.isFile() : "build cask-runtime first: ${runtime}"
def serveArgs = ['serve', '--toolpack', 'target/cask', '--lockfile', 'cask.lock.yaml', '--signers', 'cask.signers.yaml',
    '--audit-log', audit.path, '--allow-network', '127.0.0.1/32']
// Deploying: without a trust anchor the server refuses, since whoever can write cask.signers.yaml could add a key of
// their own. The operator pins the signers version that was reviewed (--trust-anchor, CASK_TRUST_ANCHOR or
// ~/.cask/<toolpack>/trust-anchor), taken from the reviewed commit, never from the checkout being deployed.
def refusing = new ProcessBuilder([System.getProperty('java.home') + '/bin/java', '-jar', runtime.path] + serveArgs)
    .directory(basedir).redirectErrorStream(true)
refusing.environment().remove('CASK_TRUST_ANCHOR')
def refused = refusing.start()
refused.outputStream.close()
def refusedErr = refused.inputStream.getText('UTF-8')
assert refused.waitFor() == 3 : refusedErr
assert refusedErr.contains('[signers_not_anchored] cask.signers.yaml: no trust anchor was given') : refusedErr
say 'java -jar cask-runtime.jar serve ...          → refused: no trust anchor pins the signers (exit 3)'
say "java -jar cask-runtime.jar serve ... --trust-anchor ${signersDigest}"
def client = mcp(basedir, runtime, serveArgs + ['--trust-anchor', signersDigest])
def outcomes = []
try {
    client.request('initialize', [protocolVersion: '2025-06-18', capabilities: [:], clientInfo: [name: 'cask-demo', version: '1']])
    client.notify('notifications/initialized', [:])
    def listed = client.request('tools/list', [:]).tools
    assert listed*.name.sort() == ['add_book', 'cancel_order', 'delete_book', 'get_book', 'list_books', 'place_order', 'set_user_role']
    say "  → verified the signers chain from the pinned version and the lockfile; tools/list shows ${listed.size()} approved tools"

    def call = { String tool, Map arguments ->
        def result = client.request('tools/call', [name: tool, arguments: arguments])
        def meta = result._meta ?: [:]
        def decision = meta['dev.cask/decision']
        def reason = meta['dev.cask/reason']
        def text = result.content ? result.content[0].text : ''
        outcomes << [tool: tool, decision: decision, reason: reason]
        say String.format('%-13s %s%n         → %s (%s): %s', tool, JsonOutput.toJson(arguments), decision, reason,
            text.replaceAll('\\s+', ' ').take(110))
        return [result: result, meta: meta]
    }

    def read = call('list_books', [limit: 2])
    assert read.meta['dev.cask/decision'] == 'allow'
    assert read.result.content[0].text.contains('Dune')

    def write = call('place_order', [body: [bookId: 'dune', quantity: 1]])
    assert write.meta['dev.cask/decision'] == 'confirm'
    def challenge = write.meta['dev.cask/challengeId']
    assert challenge

    def confirm = ['java', '-jar', runtime.path, 'confirm', challenge, '--yes', '--audit-log', audit.path].execute(null, basedir)
    def confirmOut = confirm.text
    assert confirm.waitFor() == 0 : confirmOut + confirm.err.text
    say "java -jar cask-runtime.jar confirm ${challenge} --yes   (a person approves exactly this call, out of band)"

    def confirmed = call('place_order', [body: [bookId: 'dune', quantity: 1], _cask_confirmation: challenge])
    assert confirmed.meta['dev.cask/decision'] == 'allow'
    def replay = call('place_order', [body: [bookId: 'dune', quantity: 1], _cask_confirmation: challenge])
    assert replay.meta['dev.cask/decision'] != 'allow' : 'a confirmation is single-use'

    assert call('delete_book', [bookId: 'dune']).meta['dev.cask/decision'] == 'deny'
    assert call('set_user_role', [userId: 7, body: [role: 'admin']]).meta['dev.cask/decision'] == 'deny'
    assert call('get_book', [bookId: '../admin']).meta['dev.cask/decision'] == 'deny'
    assert call('get_book', [bookId: 'dune', debug: true]).meta['dev.cask/decision'] == 'deny'
} finally {
    def stderr = client.close()
    upstream.server.stop(0)
    new File(basedir, 'target/demo/serve-stderr.log').text = stderr
}
assert upstream.received.size() == 2 : "the upstream must see exactly the two allowed calls: ${upstream.received}"
say "the bookshop received exactly ${upstream.received.size()} requests: ${upstream.received.join(' | ')}"

// 6. The audit log: one hash-chained record per decision, and an intent record before each request that was sent;
//    signed checkpoints prove the whole log.
def verify = ['java', '-jar', runtime.path, 'audit', 'verify', audit.path].execute(null, basedir)
def verifyOut = verify.text
assert verify.waitFor() == 0 : verifyOut + verify.err.text
def intents = audit.readLines().findAll { it.contains('"reason":"sending"') }
assert intents.size() == upstream.received.size()
assert audit.readLines().size() == outcomes.size() + intents.size()
say "java -jar cask-runtime.jar audit verify → ${verifyOut.readLines().find { it } ?: 'intact'}"

// 7. An agent that only reads gets a server that only reads: the toolset readonly, approved with the policy.
def readonlyAudit = new File(basedir, 'target/demo/readonly-audit.jsonl')
def readonlyArgs = ['serve', '--toolpack', 'target/cask', '--lockfile', 'cask.lock.yaml', '--signers', 'cask.signers.yaml',
    '--audit-log', readonlyAudit.path, '--allow-network', '127.0.0.1/32', '--trust-anchor', signersDigest, '--toolset', 'readonly']
def readonly = mcp(basedir, runtime, readonlyArgs)
try {
    readonly.request('initialize', [protocolVersion: '2025-06-18', capabilities: [:], clientInfo: [name: 'cask-demo', version: '1']])
    readonly.notify('notifications/initialized', [:])
    def listed = readonly.request('tools/list', [:]).tools
    assert listed*.name.sort() == ['get_book', 'list_books']
    def write = readonly.request('tools/call', [name: 'add_book', arguments: [body: [title: 'Dune', author: 'Herbert']]])
    assert write._meta['dev.cask/reason'] == 'unknown_tool'
    say "java -jar cask-runtime.jar serve ... --toolset readonly → tools/list shows ${listed*.name.sort()}; add_book → ${write._meta['dev.cask/reason']}"
} finally {
    readonly.close()
}
assert readonlyAudit.readLines().any { it.contains('"add_book"') && it.contains('unknown_tool') }
say 'done: every tool the agent could use was signed by a person, and every call was decided, enforced and audited.'
return true
