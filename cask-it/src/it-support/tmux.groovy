// A real pseudo-terminal for a sample's interactive step: `command` runs inside tmux (a server of its own, so parallel
// runs never meet), driven by send-keys and read by capture-pane. Returns [keys, type, screen, await, close].
return { File workDir, Map<String, String> env, List<String> command, int columns = 120, int rows = 32 ->
    def socket = "cask-it-${ProcessHandle.current().pid()}-${System.nanoTime()}".toString()
    def tmux = { List<String> args ->
        def p = (['tmux', '-L', socket, '-f', '/dev/null'] + args).execute()
        def out = p.text
        assert p.waitFor() == 0 || args[0] == 'kill-server' : "tmux ${args}: ${out}"
        return out
    }
    def quote = { String w -> w ==~ /[A-Za-z0-9_\/.:=@%+,-]+/ ? w : "'" + w.replace("'", "'\\''") + "'" }
    def args = ['new-session', '-d', '-s', 'main', '-x', "${columns}".toString(), '-y', "${rows}".toString(), '-c', workDir.path]
    env.each { k, v -> args += ['-e', "${k}=${v}".toString()] }
    args << (command.collect { quote(it) }.join(' ') + '; echo "[exit $?]"; sleep 600')
    tmux(args)
    def screen = { -> tmux(['capture-pane', '-p', '-t', 'main']) }
    def await = { String text ->
        def deadline = System.currentTimeMillis() + 120_000
        def s = screen()
        while (!s.contains(text)) {
            assert System.currentTimeMillis() < deadline : "the terminal never showed '${text}'; it shows:\n${s}"
            Thread.sleep(100)
            s = screen()
        }
        return s
    }
    return [keys: { String... k -> tmux(['send-keys', '-t', 'main'] + k.toList()) },
            type: { String t -> tmux(['send-keys', '-t', 'main', '-l', t]) },
            screen: screen, await: await, close: { -> tmux(['kill-server']) }]
}
