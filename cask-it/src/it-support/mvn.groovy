// Runs a real Maven build of the sample project (the same Maven, settings and local repository as the invoker) and
// returns [code, out]. Not offline: the settings make ~/.m2 (a file: URL) the repository the sample resolves from.
// Used by prebuild.groovy and verify.groovy. `env` adds environment variables; GITHUB_BASE_REF is cleared unless given
// there, so a sample behaves the same when this build itself runs in a GitHub Actions pull request.
return { File basedir, File localRepo, List<String> args, Map<String, String> env = [:] ->
    def home = System.getProperty('maven.home')
    def settings = new File(basedir, '../interpolated-settings.xml')
    def command = ["${home}/bin/mvn".toString(), '-B', '-ntp', "-Dmaven.repo.local=${localRepo}".toString()]
    if (settings.isFile()) {
        command += ['-s', settings.path]
    }
    command += args
    def builder = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true)
    builder.environment().put('CASK_KEY_PASSPHRASE', 'it-passphrase-not-secret')
    builder.environment().remove('GITHUB_BASE_REF')
    builder.environment().putAll(env)
    def process = builder.start()
    process.outputStream.close()
    def out = process.inputStream.getText('UTF-8')
    def code = process.waitFor()
    new File(basedir, "step-${System.nanoTime()}.log").text = command.join(' ') + '\n' + out
    return [code: code, out: out]
}
