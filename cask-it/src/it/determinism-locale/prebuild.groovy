// Use exactly the demo's sources, so the only differences are directory, locale and time zone: those of the demo's
// build (built first: invoker.ordinal), whose prebuild wrote the bookshop's free port into its spec.
import java.nio.file.Files
import java.nio.file.Path

Path from = new File(basedir, '../demo/src').toPath()
assert Files.isDirectory(from) : 'run the demo first (-Dinvoker.test=demo,determinism-locale)'
Path to = basedir.toPath().resolve('src')
Files.walk(from).withCloseable { paths ->
    paths.forEach { source ->
        Path target = to.resolve(from.relativize(source).toString())
        if (Files.isDirectory(source)) {
            Files.createDirectories(target)
        } else {
            Files.copy(source, target)
        }
    }
}
return true
