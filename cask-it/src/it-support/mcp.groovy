// A minimal MCP client over stdio for the demo: starts `java -jar cask-runtime.jar <args>`, speaks JSON-RPC lines,
// and returns [request: { method, params -> result }, notify: { method, params -> }, close: { -> stderr }].
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

return { File workDir, File jar, List<String> args ->
    def command = [System.getProperty('java.home') + '/bin/java', '-jar', jar.path] + args
    def process = new ProcessBuilder(command).directory(workDir).start()
    def stderr = new StringBuffer()
    Thread.start { process.errorStream.eachLine('UTF-8') { stderr.append(it).append('\n') } }
    def out = new PrintWriter(new OutputStreamWriter(process.outputStream, 'UTF-8'), true)
    def input = new BufferedReader(new InputStreamReader(process.inputStream, 'UTF-8'))
    def nextId = 0
    def slurper = new JsonSlurper()
    def request = { String method, Map params ->
        def id = ++nextId
        out.println(JsonOutput.toJson([jsonrpc: '2.0', id: id, method: method, params: params]))
        while (true) {
            def line = input.readLine()
            assert line != null : "the server closed stdout; stderr:\n${stderr}"
            def message = slurper.parseText(line)
            if (message.id == id) {
                assert message.error == null : "JSON-RPC error for ${method}: ${message.error}"
                return message.result
            }
        }
    }
    def notify = { String method, Map params ->
        out.println(JsonOutput.toJson([jsonrpc: '2.0', method: method, params: params]))
    }
    def close = { ->
        out.close()
        process.waitFor()
        return stderr.toString()
    }
    return [request: request, notify: notify, close: close]
}
