// The demo build compiled the bookshop spec: check the toolpack it wrote.
import groovy.json.JsonSlurper

def cask = new File(basedir, 'target/cask')
['toolpack.yaml', 'tools.json', 'policy.yaml', 'capture.json'].each {
    assert new File(cask, it).isFile() : "missing target/cask/$it"
}
def tools = new JsonSlurper().parse(new File(cask, 'tools.json'))
def byName = tools.tools.collectEntries { [(it.definition.name): it] }
assert byName.keySet() == ['add_book', 'cancel_order', 'delete_book', 'get_book', 'list_books', 'place_order', 'set_user_role'] as Set

def tier = { name -> byName[name].definition.risk.tier }
assert tier('list_books') == 'read'
assert tier('get_book') == 'read'
assert tier('add_book') == 'write'
assert tier('place_order') == 'write'
assert tier('cancel_order') == 'destructive'
assert tier('delete_book') == 'destructive'
assert tier('set_user_role') == 'sensitive'

def getBook = byName['get_book'].definition
assert getBook.baseUrl == 'https://api.bookshop.example/v2'
assert getBook.path == '/books/{bookId}'
assert getBook.inputSchema.type == 'object'
assert getBook.inputSchema.required == ['bookId']
assert getBook.inputSchema.additionalProperties == false
assert getBook.annotations.readOnlyHint == true
assert getBook.outputSchema != null
assert getBook.outputSchema.'$defs'.Book != null : 'recursive Book stays a $defs entry'
assert byName['get_book'].digest ==~ /sha256:[0-9a-f]{64}/

def placeOrder = byName['place_order'].definition
assert placeOrder.inputSchema.properties.body.required == ['bookId', 'quantity']
assert placeOrder.binding.body.mediaType == 'application/json'

def log = new File(basedir, 'build.log').text
assert log.contains('Compiled 7 tools')
assert !log.contains('[ERROR]')

// The toolpack zip is attached as an artifact with classifier "toolpack".
assert new File(basedir, 'target/bookshop-tools-1.0.0-toolpack.zip').isFile()
return true
