// The gate flow, with real builds: the invoker's build failed on 7 new tools; approve them (a test key, passphrase
// from the environment); the build passes; change one description in the spec; the build fails naming that tool only;
// approve it again; the build passes.
def mvn = evaluate(new File(itSupport, 'mvn.groovy'))
def keys = new File(basedir, '../../gate-keys').canonicalFile
def keyDir = "-Dcask.keyDirectory=${keys}".toString()
def tools = ['add_book', 'cancel_order', 'delete_book', 'get_book', 'list_books', 'place_order', 'set_user_role']

def first = new File(basedir, 'build.log').text
assert first.contains('cask:gate-check: 9 problem(s) block this toolpack') : first
tools.each { assert first.contains("[not_approved] ${it}: new") : "no not_approved line for ${it}" }
assert first.contains('[policy_not_approved] policy')
assert first.contains('[lockfile_missing] cask.lock.yaml')
assert first.contains('Fix: review it, then run mvn cask:gate-allow -Dcask.tools=set_user_role')

// Batch mode: -Dcask.all approves everything pending except the sensitive tool, which must be named.
def batch = mvn(basedir, localRepositoryPath, ['cask:gate-allow', '-Dcask.all', keyDir])
assert batch.code == 0 : batch.out
assert batch.out.contains('Not approving sensitive tool set_user_role in batch mode')
assert batch.out.contains('Approved 6 tool(s) as ci')
assert batch.out.contains('approved the policy')
def stillFailing = mvn(basedir, localRepositoryPath, ['verify'])
assert stillFailing.code != 0
assert stillFailing.out.contains('1 problem(s) block this toolpack')
assert stillFailing.out.contains('[not_approved] set_user_role')

def named = mvn(basedir, localRepositoryPath, ['cask:gate-allow', '-Dcask.tools=set_user_role', '-Dcask.reason=role changes reviewed with security', keyDir])
assert named.code == 0 : named.out
def lock = new File(basedir, 'cask.lock.yaml').text
assert lock.contains('sequence: 2')
assert lock.contains('reason: role changes reviewed with security')

def green = mvn(basedir, localRepositoryPath, ['verify'])
assert green.code == 0 : green.out
assert green.out.contains('Cask gate: 7 approved tool(s) of toolpack gate-flow')
// cask:verify runs after the gate on the same approved tools: a spec alone gives provenance (each tool's JSON pointer
// into bookshop.yaml, whose SHA-256 still matches), and no recorded calls to replay.
assert green.out.contains('Cask verify of gate-flow')
def verified = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/cask/verify.json'))
assert verified.passed == true
assert verified.summary.provenance == [passed: 8, failed: 0, no_evidence: 0, skipped: 0]
assert verified.summary.replay.no_evidence == 7
assert verified.contracts.find { it.contract == 'provenance' }.checks.find { it.tool == 'list_books' }.detail ==
    'src/main/cask/bookshop.yaml#/paths/~1books/get; approved by ci'

// Keep the approved toolpack: cask:diff compares against it below.
def approvedCopy = new File(basedir, 'target/cask-approved')
approvedCopy.mkdirs()
new File(basedir, 'target/cask').eachFile { f -> if (f.isFile()) new File(approvedCopy, f.name).bytes = f.bytes }

// One word of one description changes in the source: the build fails naming that tool, and only that tool.
def spec = new File(basedir, 'src/main/cask/bookshop.yaml')
def before = spec.text
def after = before.replace('Returns books in the catalogue, newest first.', 'Returns books in the catalogue, oldest first.')
assert after != before
spec.text = after
def changed = mvn(basedir, localRepositoryPath, ['verify'])
assert changed.code != 0
assert changed.out.contains('1 problem(s) block this toolpack')
assert changed.out.contains('[digest_mismatch] list_books: changed since it was approved (definition changed')
new File(basedir, 'gate-check-failure.txt').text = changed.out

def status = mvn(basedir, localRepositoryPath, ['cask:gate-status'])
assert status.code == 0 : status.out
assert status.out =~ /list_books\s+read\s+approved\s+-\s+changed \(definition changed\)/
assert status.out =~ /set_user_role\s+sensitive\s+approved\s+ci\s+approved/
assert status.out.contains('7 tool(s): 6 approved, 0 new, 1 changed, 0 blocked, 0 stale, 0 invalid')
new File(basedir, 'gate-status.txt').text = status.out

// The reviewer's view: cask:diff against the approved toolpack shows the unapproved description change and fails.
def unapprovedDiff = mvn(basedir, localRepositoryPath, ['cask:diff', '-Dcask.baseline=target/cask-approved'])
assert unapprovedDiff.code != 0 : unapprovedDiff.out
assert unapprovedDiff.out.contains('high list_books: Description changed')
assert new File(basedir, 'target/cask/diff.md').getText('UTF-8').contains('| 🟠 high | `description-changed` | `description` | Description changed | unapproved |')

def again = mvn(basedir, localRepositoryPath, ['cask:gate-allow', '-Dcask.tools=list_books', keyDir])
assert again.code == 0 : again.out
def passes = mvn(basedir, localRepositoryPath, ['verify'])
assert passes.code == 0 : passes.out
assert new File(basedir, 'cask.lock.yaml').text.contains('sequence: 3')

// Once signed, the same change stays visible in the diff, as accepted with its signer, and no longer fails it.
def acceptedDiff = mvn(basedir, localRepositoryPath, ['cask:diff', '-Dcask.baseline=target/cask-approved'])
assert acceptedDiff.code == 0 : acceptedDiff.out
def acceptedMd = new File(basedir, 'target/cask/diff.md').getText('UTF-8')
assert acceptedMd.contains('`description-changed`') : acceptedMd
assert acceptedMd =~ /description-changed.*accepted \(ci\)/ : acceptedMd

// Baselines through the Mojos. Without one, gate-check warns once what it cannot detect; -Dcask.requireBaseline fails.
assert passes.out.count('cannot detect signer additions') == 1 : passes.out
def required = mvn(basedir, localRepositoryPath, ['cask:gate-check', '-Dcask.requireBaseline=true'])
assert required.code != 0 : required.out
assert required.out.contains('cask:gate-check (-Dcask.requireBaseline=true): no baseline signers file and lockfile, so it cannot detect signer additions')
// The target branch's files as baseline files: a lockfile rolled back below them fails.
def lockText = new File(basedir, 'cask.lock.yaml').text
new File(basedir, 'target/main.lock.yaml').text = lockText
new File(basedir, 'target/main.signers.yaml').text = new File(basedir, 'cask.signers.yaml').text
def baselineFiles = ['-Dcask.baselineSigners=target/main.signers.yaml', '-Dcask.baselineLockfile=target/main.lock.yaml']
def withFiles = mvn(basedir, localRepositoryPath, ['cask:gate-check', '-Dcask.requireBaseline=true'] + baselineFiles)
assert withFiles.code == 0 : withFiles.out
assert !withFiles.out.contains('cannot detect')
new File(basedir, 'cask.lock.yaml').text = lockText.replace('sequence: 3', 'sequence: 2')
def rolledBack = mvn(basedir, localRepositoryPath, ['cask:gate-check'] + baselineFiles)
assert rolledBack.code != 0 : rolledBack.out
assert rolledBack.out.contains('[sequence_rollback] cask.lock.yaml') : rolledBack.out
new File(basedir, 'cask.lock.yaml').text = lockText

// A GitHub Actions pull request into main: origin/main becomes the baseline; a clone without it fails closed.
def git = { String... args ->
    def p = (['git', '-c', 'user.name=it', '-c', 'user.email=it@example.com', '-c', 'commit.gpgsign=false'] + args.toList())
        .execute(null, basedir)
    def out = p.text
    assert p.waitFor() == 0 : out
}
git('init', '-q')
def shallow = mvn(basedir, localRepositoryPath, ['cask:gate-check'], [GITHUB_BASE_REF: 'main'])
assert shallow.code != 0 : shallow.out
assert shallow.out.contains("GITHUB_BASE_REF=main: this pull request's gate must compare the signers file and lockfile with origin/main") : shallow.out
assert shallow.out.contains('actions/checkout with fetch-depth: 0')
git('add', 'cask.lock.yaml', 'cask.signers.yaml')
git('commit', '-q', '-m', 'main')
git('update-ref', 'refs/remotes/origin/main', 'HEAD')
def anchored = mvn(basedir, localRepositoryPath, ['cask:gate-check', '-Dcask.requireBaseline=true'], [GITHUB_BASE_REF: 'main'])
assert anchored.code == 0 : anchored.out
assert anchored.out.contains("Cask gate: baseline origin/main (the pull request's target branch, from GITHUB_BASE_REF)")

// Trust anchored outside the repository: the reviewed signers version pinned on the command line (a user property:
// the pom cannot set it) or in the environment. With -Dcask.requireTrustAnchor=true a build without an anchor fails.
def statusNow = mvn(basedir, localRepositoryPath, ['cask:gate-status'])
assert statusNow.code == 0 : statusNow.out
def signersDigest = (statusNow.out =~ /signers: version 1 \((sha256:[0-9a-f]{64})\)/)[0][1]
def pinned = mvn(basedir, localRepositoryPath, ['cask:gate-check', "-Dcask.trustAnchor=${signersDigest}".toString(),
    '-Dcask.requireTrustAnchor=true'])
assert pinned.code == 0 : pinned.out
assert pinned.out.contains("Cask gate: signers version 1 (${signersDigest}), verified from version 1 pinned by -Dcask.trustAnchor".toString()) : pinned.out
def unpinned = mvn(basedir, localRepositoryPath, ['cask:gate-check', '-Dcask.requireTrustAnchor=true'], [CASK_TRUST_ANCHOR: ''])
assert unpinned.code != 0 : unpinned.out
assert unpinned.out.contains('[signers_not_anchored] cask.signers.yaml: no trust anchor was given') : unpinned.out
def wrong = mvn(basedir, localRepositoryPath, ['cask:gate-check'], [CASK_TRUST_ANCHOR: 'sha256:' + '0' * 64])
assert wrong.code != 0 : wrong.out
assert wrong.out.contains('[signers_anchor_mismatch] cask.signers.yaml: CASK_TRUST_ANCHOR pins version sha256:' + '0' * 64) : wrong.out

// The key never entered the project.
assert !basedir.listFiles().any { it.name.endsWith('.pem') }
return true
