// The demo's upstream: a small bookshop API on 127.0.0.1:<port> (the port the demo wrote into its spec's server URL),
// a real HTTP server that records what it received. Returns [server, received]. A port it cannot listen on is an
// error that says which port, why the demo needs that one, and what to do.
import com.sun.net.httpserver.HttpServer
import groovy.json.JsonOutput

return { int port ->
    def received = Collections.synchronizedList([])
    def server
    try {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName('127.0.0.1'), port), 0)
    } catch (BindException e) {
        throw new IllegalStateException("the demo's bookshop cannot listen on 127.0.0.1:${port} (${e.message}): the"
            + ' demo chose this free port before its first build and compiled it into the tools\' base URL'
            + ' (bookshop.port, src/main/cask/bookshop.yaml), and another process has taken it since; run the demo again',
            e)
    }
    def reply = { exchange, int status, Object body ->
        def bytes = JsonOutput.toJson(body).getBytes('UTF-8')
        exchange.responseHeaders.add('Content-Type', 'application/json')
        exchange.sendResponseHeaders(status, bytes.length)
        exchange.responseBody.withCloseable { it.write(bytes) }
    }
    server.createContext('/v2/') { exchange ->
        def method = exchange.requestMethod
        def path = exchange.requestURI.rawPath
        def body = exchange.requestBody.getText('UTF-8')
        received << "${method} ${exchange.requestURI}${body ? ' ' + body : ''}".toString()
        if (method == 'GET' && path == '/v2/books') {
            reply(exchange, 200, [items: [[id: 'dune', title: 'Dune', author: 'Frank Herbert', year: 1965],
                                         [id: 'solaris', title: 'Solaris', author: 'Stanisław Lem', year: 1961]], next: null])
        } else if (method == 'POST' && path == '/v2/orders') {
            reply(exchange, 201, [id: 1001, status: 'placed', bookId: 'dune', quantity: 1])
        } else {
            reply(exchange, 404, [error: 'not found'])
        }
    }
    server.start()
    return [server: server, received: received]
}
