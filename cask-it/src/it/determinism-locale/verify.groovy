// Compare every toolpack file and the zip, byte for byte, with the demo's (built first: invoker.ordinal).
def mine = new File(basedir, 'target')
def demo = new File(basedir, '../demo/target')
['cask/toolpack.yaml', 'cask/tools.json', 'cask/policy.yaml', 'cask/toolsets.yaml', 'cask/capture.json', 'bookshop-tools-1.0.0-toolpack.zip'].each { name ->
    def a = new File(demo, name)
    def b = new File(mine, name)
    assert a.isFile() : "demo did not produce $name"
    assert b.isFile() : "this build did not produce $name"
    assert a.bytes == b.bytes : "$name differs between the demo and this build (${basedir.name})"
}
println "determinism: ${basedir.name} produced byte-identical toolpack files"
return true
