// cask:mint end to end with real builds: start the to-do test app on loopback, mint it with a steps file (Selenium is
// resolved by Maven only now, into an isolated class loader), check that nothing secret and nothing of the third party
// was recorded, let the gate refuse the new tools, approve them, show gate-status, then serve the approved WebMCP
// tools with --browser and call one; finally the page rewrites a tool's description, a re-mint shows it in cask:diff
// and the gate refuses the changed tool.
import groovy.json.JsonSlurper

def mvn = evaluate(new File(itSupport, 'mvn.groovy'))
def mcp = evaluate(new File(itSupport, 'mcp.groovy'))
def keyDir = "-Dcask.keyDirectory=${new File(basedir, '../../mint-keys').canonicalFile}".toString()
def say = { String text -> println('[mint-it] ' + text) }
def password = 'Typed-Secret-7f3c9e1a'

def appScript = new File(itSource, '../../../cask-runtime/src/test/mint-app/app.js').canonicalFile
assert appScript.isFile() : appScript
def appProcess = new ProcessBuilder('node', appScript.path).redirectErrorStream(false).with {
    environment().put('MINT_APP_PASSWORD', password)
    start()
}
try {
    def ports = new JsonSlurper().parseText(new BufferedReader(new InputStreamReader(appProcess.inputStream, 'UTF-8')).readLine())
    def origin = "http://127.0.0.1:${ports.firstParty}".toString()

    // 1. The scripted mint: records, writes the minted files, then imports and compiles the project.
    long started = System.nanoTime()
    def mint = mvn(basedir, localRepositoryPath, ['cask:mint', "-Dcask.url=${origin}/".toString(),
        '-Dcask.mint.steps=src/mint/todo.steps'], [MINT_APP_PASSWORD: password])
    double seconds = (System.nanoTime() - started) / 1e9
    assert mint.code == 0 : mint.out
    assert mint.out =~ /mint: browser library: \d+ jars, [\d.]+ MB/
    assert mint.out.contains('Minted 3 WebMCP tool(s)') || mint.out.contains('Minted 2 WebMCP tool(s)') : mint.out
    assert mint.out.contains("Not recorded:") && mint.out.contains("127.0.0.2:${ports.thirdParty}")
    say String.format(Locale.ROOT, 'mvn cask:mint with src/mint/todo.steps took %.1f s (the whole Maven build)', seconds)
    mint.out.readLines().findAll { it.contains('Minted') || it.contains('Not recorded') || it.contains('browser library') || it.contains('Compiled') }
        .each { say it.replaceFirst(/^\[INFO\] /, '') }

    def minted = new File(basedir, 'src/main/cask/minted').listFiles().collect { it.name }.sort()
    assert minted.size() == 2 && minted[0].endsWith('.har') && minted[1].endsWith('.webmcp.json') : minted
    def tools = new JsonSlurper().parse(new File(basedir, 'target/cask/tools.json')).tools.collectEntries {
        [(it.definition.name): it.definition] }
    assert tools.keySet().containsAll(['search_todos', 'add_todo', 'list_api_todos', 'create_api_todos', 'get_api_todos',
        'list_api_profile', 'create_api_session'])
    assert tools.search_todos.method == 'WEBMCP' && tools.search_todos.risk.tier == 'read'
    assert tools.add_todo.risk.tier == 'write'
    assert tools.values().every { it.baseUrl == origin }

    // 2. Nothing secret in any file of the project or in any build log, and nothing of the third party.
    basedir.eachFileRecurse { file ->
        if (file.isFile() && !file.path.contains('/src/mint/') && !file.name.endsWith('.groovy')) {
            def text = file.getText('UTF-8')
            assert !text.contains(password) : "the typed password is in ${file}"
            assert !text.contains('alice@example.com') : "the e-mail address is in ${file}"
            if (file.path.contains('/src/main/cask/') || file.path.contains('/target/cask/')) {
                assert !text.contains('127.0.0.2') : "a third-party host is in ${file}"
            }
        }
    }

    // 3. The gate refuses the minted tools until a person approves them.
    def refused = mvn(basedir, localRepositoryPath, ['verify'])
    assert refused.code != 0 && refused.out.contains('[not_approved] search_todos') : refused.out
    def batch = mvn(basedir, localRepositoryPath, ['cask:gate-allow', '-Dcask.all', '-Dcask.reason=minted and reviewed', keyDir])
    assert batch.code == 0 : batch.out
    def sensitive = mvn(basedir, localRepositoryPath, ['cask:gate-allow', '-Dcask.tools=create_api_session',
        '-Dcask.reason=sign-in reviewed', keyDir])
    assert sensitive.code == 0 : sensitive.out
    def green = mvn(basedir, localRepositoryPath, ['verify'])
    assert green.code == 0 : green.out
    def status = mvn(basedir, localRepositoryPath, ['cask:gate-status'])
    assert status.code == 0 : status.out
    def table = status.out.readLines().collect { it.replaceFirst(/^\[INFO\] ?/, '') }
    def from = table.findIndexOf { it.startsWith('TOOL') }
    def to = table.findIndexOf { it.startsWith('signers:') }
    assert from >= 0 && to > from : status.out
    say 'mvn cask:gate-status of the minted toolpack:'
    table.subList(from, to + 1).each { println('           ' + it) }
    assert table.subList(from, to).any { it.startsWith('search_todos') && it.contains('read') }
    // The operator pins the signers version that was reviewed (serve refuses a signers file without a trust anchor).
    def signersDigest = (table[to] =~ /sha256:[0-9a-f]{64}/)[0]

    // 4. serve --browser: the approved WebMCP tool runs in headless Chromium, in the app's page, with a session cookie.
    def cookies = new File(basedir, 'target/session.txt')
    cookies.text = "#HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\t${ports.session}\n"
    def runtime = new File(runtimeJar)
    assert runtime.isFile() : "build cask-runtime first: ${runtime}"
    def client = mcp(basedir, runtime, ['serve', '--toolpack', 'target/cask', '--lockfile', 'cask.lock.yaml',
        '--signers', 'cask.signers.yaml', '--trust-anchor', signersDigest, '--audit-log', 'target/audit/audit.jsonl', '--allow-network', '127.0.0.0/8',
        '--browser', '--browser-session', cookies.path])
    try {
        client.request('initialize', [protocolVersion: '2025-06-18', capabilities: [:], clientInfo: [name: 'mint-it', version: '1']])
        client.notify('notifications/initialized', [:])
        def listed = client.request('tools/list', [:]).tools*.name
        assert listed.containsAll(['search_todos', 'add_todo'])
        def found = client.request('tools/call', [name: 'search_todos', arguments: [query: 'plumber']])
        assert found.isError == false : found
        assert found.content[0].text == 'Call the plumber' : found
        say 'serve --browser: tools/call search_todos {"query":"plumber"} → ' + found.content[0].text
    } finally {
        def stderr = client.close()
        assert stderr.contains('--browser: 2 WebMCP tool(s) run in') || stderr.contains('--browser: 3 WebMCP tool(s) run in') : stderr
    }

    // 5. The page rewrites its tool's description after approval: re-minting replaces the minted files, cask:diff
    //    against the approved toolpack shows the rewritten description, and the gate refuses the changed tool.
    def approved = new File(basedir, 'target/cask-approved')
    def compiled = new File(basedir, 'target/cask').toPath()
    java.nio.file.Files.walk(compiled).withCloseable { paths ->
        paths.each { path ->
            def target = approved.toPath().resolve(compiled.relativize(path).toString())
            if (java.nio.file.Files.isDirectory(path)) {
                java.nio.file.Files.createDirectories(target)
            } else {
                java.nio.file.Files.copy(path, target)
            }
        }
    }
    def poison = new URL("${origin}/__test/poison").openConnection()
    poison.requestMethod = 'POST'
    assert poison.responseCode == 200
    // With cask.allowHosts naming a further host, the start URL's host is still recorded and imported.
    def reminted = mvn(basedir, localRepositoryPath, ['cask:mint', "-Dcask.url=${origin}/".toString(),
        '-Dcask.mint.steps=src/mint/todo.steps', '-Dcask.allowHosts=api.example.com'], [MINT_APP_PASSWORD: password])
    assert reminted.code == 0 : reminted.out
    def retools = new JsonSlurper().parse(new File(basedir, 'target/cask/tools.json')).tools*.definition*.name
    assert retools.containsAll(['search_todos', 'add_todo', 'list_api_todos']) : retools
    assert reminted.out.contains('Replaced the earlier mint src/main/cask/minted/') : reminted.out
    def diff = mvn(basedir, localRepositoryPath, ['cask:diff', "-Dcask.baseline=${approved.path}".toString()])
    def diffLine = diff.out.readLines().find { it =~ /search_todos: .*[Dd]escription/ }
    assert diff.code != 0 && diffLine : diff.out
    say 're-minted after the page rewrote search_todos\'s description; cask:diff: ' + diffLine.replaceFirst(/^\[\w+\] */, '')
    // cask:drift reads the re-minted capture against the approved toolpack: the same rewritten description
    def drift = mvn(basedir, localRepositoryPath, ['cask:drift', '-Dcask.driftInputs=src/main/cask/minted',
        "-Dcask.baseline=${approved.path}".toString()])
    def driftLine = drift.out.readLines().find { it =~ /search_todos: .*[Dd]escription/ }
    assert drift.code != 0 && driftLine : drift.out
    say 'cask:drift of the re-minted capture: ' + driftLine.replaceFirst(/^\[\w+\] */, '')
    def poisoned = mvn(basedir, localRepositoryPath, ['verify'])
    def gateLine = poisoned.out.readLines().find { it.contains('[digest_mismatch] search_todos') }
    assert poisoned.code != 0 && gateLine : poisoned.out
    say 'mvn verify: ' + gateLine.replaceFirst(/^\[ERROR\] */, '')
} finally {
    appProcess.outputStream.close()
    appProcess.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)
    appProcess.destroy()
}
return true
