// Only the selected operations became tools, and the build said which part of the source it compiled.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('compile operations-part: 3 of 5 operations selected by cask.operations (/v2/pets/**, GET /v2/stores/{storeId})') : 'no selection line'
def tools = new JsonSlurper().parse(new File(basedir, 'target/cask/tools.json')).tools*.definition*.name
assert tools == ['get_pet', 'get_store', 'list_pets'] : tools
def manifest = new File(basedir, 'target/cask/toolpack.yaml').text
assert manifest.contains('\ntools: 3\n') : manifest
return true
