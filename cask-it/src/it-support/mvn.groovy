// Runs a real Maven build of the sample project (the same Maven, settings and local repository as the invoker) and
// returns [code, out]. Not offline: the settings make ~/.m2 (a file: URL) the repository the sample resolves from.
// Used by prebuild.groovy and verify.groovy.
return { File basedir, File localRepo, List<String> args ->
    def home = System.getProperty('maven.home')
    def settings = new File(basedir, '../interpolated-settings.xml')
    def command = ["${home}/bin/mvn".toString(), '-B', '-ntp', "-Dmaven.repo.local=${localRepo}".toString()]
    if (settings.isFile()) {
        command += ['-s', settings.path]
    }
    command += args
    def builder = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true)
    builder.environment().put('CASK_KEY_PASSPHRASE', 'it-passphrase-not-secret')
    def process = builder.start()
    process.outputStream.close()
    def out = process.inputStream.getText('UTF-8')
    def code = process.waitFor()
    new File(basedir, "step-${System.nanoTime()}.log").text = command.join(' ') + '\n' + out
    return [code: code, out: out]
}
