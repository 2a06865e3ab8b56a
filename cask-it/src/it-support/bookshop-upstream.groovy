// The demo's upstream: a small bookshop API on 127.0.0.1:18080 (the address the demo spec declares), a real HTTP
// server that records what it received. Returns [server, received].
import com.sun.net.httpserver.HttpServer
import groovy.json.JsonOutput

return { ->
    def received = Collections.synchronizedList([])
    def server = HttpServer.create(new InetSocketAddress(InetAddress.getByName('127.0.0.1'), 18080), 0)
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
